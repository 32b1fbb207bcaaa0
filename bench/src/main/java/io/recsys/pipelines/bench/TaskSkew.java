package io.recsys.pipelines.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Per stage of one timed run, from Spark's event log: wall seconds, the summed time of its tasks,
 * and the share of that sum held by its largest task. A stage that lasts long while one task holds
 * most of its task time is one the other cores sat out (issue 11: "no stage longer than 2 s in
 * which one task holds more than half of the stage's task time").
 */
final class TaskSkew {
    static final double LONG_STAGE_SECONDS = 2.0;
    static final double LARGEST_TASK_SHARE = 0.5;
    private static final String SQL_EXECUTION_START =
            "{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart\"";
    /** io.recsys.pipelines.jobs.kinds.CoocBuilder.build(CoocBuilder.java:107): "CoocBuilder.build", "107". */
    private static final Pattern OUR_FRAME =
            Pattern.compile("io\\.recsys\\.pipelines\\.(?:\\w+\\.)*?([\\w$]+\\.[\\w$<>]+)\\((?:[^:)]*:(\\d+))?[^)]*\\)");
    private static final Pattern ROLLING_FILE = Pattern.compile("events_(\\d+)_.*");

    private TaskSkew() {
    }

    /**
     * One stage attempt: its wall time (submission to completion), the time its tasks ran (first launch
     * to last finish) and its tasks' durations. The two times differ when kinds built side by side
     * queue for the same cores: a stage then waits for slots without any task of it running.
     */
    record Stage(int id, int attempt, String name, String callSite, long submittedAt, double seconds,
                 double runningSeconds, int tasks, double taskSeconds, double largestTaskSeconds) {
        double largestShare() {
            return taskSeconds <= 0 ? 0 : largestTaskSeconds / taskSeconds;
        }

        boolean flagged() {
            return runningSeconds > LONG_STAGE_SECONDS && largestShare() > LARGEST_TASK_SHARE;
        }

        Map<String, Object> json() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("stage", id + (attempt > 0 ? "." + attempt : ""));
            s.put("name", name);
            s.put("call_site", callSite);
            s.put("seconds", Json.round(seconds));
            s.put("running_seconds", Json.round(runningSeconds));
            s.put("tasks", tasks);
            s.put("task_seconds", Json.round(taskSeconds));
            s.put("largest_task_seconds", Json.round(largestTaskSeconds));
            s.put("largest_task_share", Json.round(largestShare()));
            s.put("flagged", flagged());
            return s;
        }
    }

    /**
     * The stages submitted at or after {@code sinceEpochMillis} (the timed run, not the warm-up)
     * that completed, in submission order. {@code eventLog} is the folder given as
     * spark.eventLog.dir; it must hold the log of one application (plain or rolling, uncompressed).
     */
    static List<Stage> read(Path eventLog, long sinceEpochMillis) throws IOException {
        Map<String, List<Double>> taskSeconds = new LinkedHashMap<>();
        Map<String, long[]> runningSpan = new HashMap<>();
        List<JsonNode> completed = new ArrayList<>();
        Map<Integer, String> executionOfStage = new HashMap<>();
        Map<String, String> callSiteOfExecution = new HashMap<>();
        for (Path file : logFiles(eventLog)) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    // Most lines are SQL plan updates and metrics: parse only the two kinds used.
                    if (line.startsWith("{\"Event\":\"SparkListenerTaskEnd\"")) {
                        JsonNode e = Json.MAPPER.readTree(line);
                        JsonNode info = e.path("Task Info");
                        String stage = key(e.path("Stage ID").asInt(), e.path("Stage Attempt ID").asInt());
                        long launched = info.path("Launch Time").asLong();
                        long finished = info.path("Finish Time").asLong();
                        taskSeconds.computeIfAbsent(stage, k -> new ArrayList<>()).add((finished - launched) / 1000.0);
                        long[] span = runningSpan.computeIfAbsent(stage, k -> new long[] {launched, finished});
                        span[0] = Math.min(span[0], launched);
                        span[1] = Math.max(span[1], finished);
                    } else if (line.startsWith("{\"Event\":\"SparkListenerStageCompleted\"")) {
                        completed.add(Json.MAPPER.readTree(line).path("Stage Info"));
                    } else if (line.startsWith("{\"Event\":\"SparkListenerStageSubmitted\"")) {
                        JsonNode e = Json.MAPPER.readTree(line);
                        JsonNode execution = e.path("Properties").path("spark.sql.execution.id");
                        if (!execution.isMissingNode()) {
                            executionOfStage.put(e.path("Stage Info").path("Stage ID").asInt(), execution.asText());
                        }
                    } else if (line.startsWith(SQL_EXECUTION_START)) {
                        JsonNode e = Json.MAPPER.readTree(line);
                        callSiteOfExecution.put(e.path("executionId").asText(), ourFrame(e.path("details").asText()));
                    }
                }
            }
        }
        List<Stage> stages = new ArrayList<>();
        for (JsonNode info : completed) {
            long submitted = info.path("Submission Time").asLong();
            if (submitted < sinceEpochMillis || !info.has("Completion Time")) {
                continue;
            }
            int id = info.path("Stage ID").asInt();
            int attempt = info.path("Stage Attempt ID").asInt();
            List<Double> tasks = taskSeconds.getOrDefault(key(id, attempt), List.of());
            long[] span = runningSpan.getOrDefault(key(id, attempt), new long[] {0, 0});
            // A stage of an adaptive plan is submitted from a pool thread: its own call stack has none
            // of our frames, its SQL execution's has.
            String callSite = ourFrame(info.path("Details").asText());
            if (callSite.isEmpty()) {
                callSite = callSiteOfExecution.getOrDefault(executionOfStage.get(id), "");
            }
            stages.add(new Stage(id, attempt, info.path("Stage Name").asText(), callSite, submitted,
                    (info.path("Completion Time").asLong() - submitted) / 1000.0, (span[1] - span[0]) / 1000.0, tasks.size(),
                    tasks.stream().mapToDouble(Double::doubleValue).sum(),
                    tasks.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
        }
        return stages;
    }

    /** What the report keeps of a run's stages: totals, the flagged stages, and every stage. */
    static Map<String, Object> summary(List<Stage> stages) {
        double stageSeconds = stages.stream().mapToDouble(Stage::seconds).sum();
        double flaggedSeconds = stages.stream().filter(Stage::flagged).mapToDouble(Stage::seconds).sum();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("rule", String.format(java.util.Locale.ROOT, "flagged: tasks running for longer than %.0f s (first launch "
                + "to last finish) and the largest task holds more than %.0f%% of the stage's task time", LONG_STAGE_SECONDS, LARGEST_TASK_SHARE * 100));
        s.put("stages", stages.size());
        s.put("stage_seconds", Json.round(stageSeconds));
        s.put("flagged_stages", stages.stream().filter(Stage::flagged).count());
        s.put("flagged_share_of_stage_seconds", Json.round(stageSeconds == 0 ? 0 : flaggedSeconds / stageSeconds));
        s.put("flagged", stages.stream().filter(Stage::flagged)
                .sorted(Comparator.comparingDouble(Stage::seconds).reversed()).map(Stage::json).toList());
        s.put("all", stages.stream().map(Stage::json).toList());
        return s;
    }

    /** "CoocBuilder.build:107": the innermost frame of this project in a call stack, class, method and line. */
    static String ourFrame(String stack) {
        for (String frame : stack.split("\n")) {
            Matcher m = OUR_FRAME.matcher(frame.trim());
            if (m.matches()) {
                return m.group(1) + (m.group(2) == null ? "" : ":" + m.group(2));
            }
        }
        return "";
    }

    private static String key(int stage, int attempt) {
        return stage + "." + attempt;
    }

    /** A plain log is one file; a rolling one (Spark 4's default) a folder of events_N_ files. */
    private static List<Path> logFiles(Path eventLog) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(eventLog)) {
            files = all.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString();
                return !name.startsWith(".") && !name.startsWith("appstatus");
            }).sorted(Comparator.comparingLong(TaskSkew::rollingIndex).thenComparing(Path::toString)).toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no Spark event log under " + eventLog);
        }
        return files;
    }

    private static long rollingIndex(Path file) {
        Matcher m = ROLLING_FILE.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }
}
