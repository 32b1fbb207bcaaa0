package io.recsys.pipelines.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Merges the results of one bench.sh run into bench-report.json and the one table: the sizes of
 * the 16-pair set (steps (a) to (d)), the strong scaling runs of the single-pair set, the
 * many-pairs run, and the targets ({@link Targets}).
 */
final class BenchReport {
    static final List<String> STEPS = List.of("canonicalize", "daily_run", "popularity_spark", "popularity_duckdb");
    /** The labels bench.sh gives the strong scaling runs. */
    static final String LOCAL_1 = "local[1]";
    static final String LOCAL_2 = "local[2]";
    static final String CLUSTER_1 = "cluster, 1 executor";
    static final String CLUSTER_2 = "cluster, 2 executors";

    private final List<JsonNode> sizes;
    private final List<JsonNode> scaling;
    private final JsonNode pairs;
    private final Map<String, Object> machine = Machine.describe();
    private final String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    BenchReport(List<JsonNode> sizes, List<JsonNode> scaling, JsonNode pairs) {
        this.sizes = new ArrayList<>(sizes);
        this.sizes.sort(Comparator.comparingLong(s -> events(s, "canonicalize")));
        this.scaling = scaling;
        this.pairs = pairs;
    }

    static BenchReport of(List<Path> sizeFiles, List<Path> scalingFiles, Path pairsFile) throws IOException {
        List<JsonNode> sizes = new ArrayList<>();
        for (Path f : sizeFiles) {
            sizes.add(Json.MAPPER.readTree(f.toFile()));
        }
        List<JsonNode> scaling = new ArrayList<>();
        for (Path f : scalingFiles) {
            scaling.add(Json.MAPPER.readTree(f.toFile()));
        }
        return new BenchReport(sizes, scaling, pairsFile == null ? null : Json.MAPPER.readTree(pairsFile.toFile()));
    }

    List<JsonNode> sizes() {
        return sizes;
    }

    List<JsonNode> scaling() {
        return scaling;
    }

    Optional<JsonNode> scalingRun(String label) {
        return scaling.stream().filter(r -> r.path("label").asText().equals(label)).findFirst();
    }

    JsonNode pairs() {
        return pairs;
    }

    String date() {
        return date;
    }

    Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("date", date);
        root.put("machine", machine);
        root.put("sizes", sizes);
        root.put("scaling_seconds_per_million", sizeScaling());
        root.put("strong_scaling", strongScaling());
        root.put("many_pairs", pairs);
        root.put("targets", Targets.evaluate(this));
        return root;
    }

    String table() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "recsys-pipelines benchmark, %s, %s cores, %s GiB, %s, %s%n", date,
                machine.get("cores"), machine.get("memory_gib"), machine.get("cpu"), machine.get("java")));
        if (!sizes.isEmpty()) {
            sizesTable(t);
        }
        if (!scaling.isEmpty()) {
            scalingTable(t);
        }
        if (pairs != null) {
            t.append(String.format(Locale.ROOT, "-- many pairs: %s%n", pairsLine(pairs)));
        }
        t.append("targets (issue 11, and the throughput targets of issue 8):\n");
        for (Map<String, Object> target : Targets.evaluate(this)) {
            t.append(String.format(Locale.ROOT, "  %-8s %s: %s%n", target.get("status"), target.get("target"),
                    target.get("measured")));
        }
        return t.toString();
    }

    private void sizesTable(StringBuilder t) {
        t.append(String.format(Locale.ROOT, "%-33s %12s %9s %9s %11s %8s %8s%n", "step", "events", "MB", "seconds",
                "events/s", "s/M", "CPU s"));
        for (JsonNode size : sizes) {
            t.append(String.format(Locale.ROOT, "-- %,d exposure lines over %d day(s), 16 pairs; load average before %s, after %s%n",
                    size.path("dataset").path("exposure_lines").asLong(),
                    size.path("dataset").path("generator").path("days").asInt(),
                    size.path("load_average_before").asText(), size.path("load_average_after").asText()));
            for (String id : STEPS) {
                JsonNode s = size.path("steps").path(id);
                t.append(String.format(Locale.ROOT, "%-33s %,12d %9.1f %9.2f %,11d %8.2f %8.2f%n", s.path("label").asText(),
                        s.path("events").asLong(), s.path("bytes").asLong() / 1e6, s.path("seconds").asDouble(),
                        s.path("events_per_second").asLong(), s.path("seconds_per_million").asDouble(),
                        s.path("cpu_seconds").asDouble()));
            }
            JsonNode fixed = size.path("fixed_seconds");
            t.append(String.format(Locale.ROOT, "   fixed: JVM start to main %.2f s, SparkSession %.2f s, warm-up %.2f s, "
                            + "DuckDB load %.2f s%n", fixed.path("jvm_start_to_main").asDouble(),
                    fixed.path("spark_session_start").asDouble(), fixed.path("warm_up").asDouble(),
                    fixed.path("duckdb_load").asDouble()));
            t.append("   (b) stages: ").append(stages(size.path("daily_run_stages"))).append('\n');
            t.append("   (b) task skew: ").append(skewLine(size.path("daily_run_task_skew"))).append('\n');
            JsonNode agreement = size.path("agreement_c_d");
            t.append(String.format(Locale.ROOT, "   (c)/(d) = %.2fx; (c) and (d) %s over %d pairs, %,d positions%n",
                    size.path("ratio_c_over_d").asDouble(),
                    agreement.path("equal").asBoolean() ? "agree item for item"
                            : "DIFFER at " + agreement.path("differences").asLong() + " positions, first: "
                            + agreement.path("first_differences"),
                    agreement.path("pairs").asInt(), agreement.path("positions_compared").asLong()));
        }
        Map<String, Object> scalingBySize = sizeScaling();
        if (!scalingBySize.isEmpty()) {
            t.append("s/M of the largest size over s/M of the smallest: ").append(scalingBySize.get("ratios")).append('\n');
        }
        t.append("Spark settings: ").append(sizes.get(sizes.size() - 1).path("spark_settings")).append('\n');
    }

    private void scalingTable(StringBuilder t) {
        JsonNode first = scaling.get(0);
        t.append(String.format(Locale.ROOT, "-- strong scaling: the daily run (%s), single pair, %,d lines, one JVM each%n",
                first.path("kinds").asText(), first.path("events").asLong()));
        t.append(String.format(Locale.ROOT, "%-22s %-28s %5s %9s %9s %8s %11s %8s%n", "run", "master", "CPUs", "executors",
                "seconds", "speed-up", "driver CPU s", "flagged"));
        double base = first.path("seconds").asDouble();
        for (JsonNode run : scaling) {
            t.append(String.format(Locale.ROOT, "%-22s %-28s %5s %9d %9.2f %7.2fx %11.1f %8d%s%n", run.path("label").asText(),
                    run.path("master").asText(), run.path("cpus").asText("?"), run.path("executors").asInt(),
                    run.path("seconds").asDouble(), base / run.path("seconds").asDouble(),
                    run.path("driver_cpu_seconds").asDouble(), run.path("task_skew").path("flagged_stages").asLong(),
                    run.path("finished").asBoolean(true) ? "" : "  FAILED: " + run.path("failure").asText()));
            t.append("   task skew: ").append(skewLine(run.path("task_skew"))).append('\n');
        }
    }

    /** The flagged stages of a run, longest first, in one line. */
    static String skewLine(JsonNode skew) {
        if (skew.isMissingNode() || skew.isNull()) {
            return "(no event log)";
        }
        List<String> flagged = new ArrayList<>();
        for (JsonNode s : skew.path("flagged")) {
            flagged.add(String.format(Locale.ROOT, "stage %s \"%s\" %.1f s, largest task %.0f%% of %d tasks' time",
                    s.path("stage").asText(), shortName(where(s)), s.path("seconds").asDouble(),
                    s.path("largest_task_share").asDouble() * 100, s.path("tasks").asInt()));
        }
        return String.format(Locale.ROOT, "%d stages, %d flagged (%.0f%% of stage time)%s", skew.path("stages").asInt(),
                skew.path("flagged_stages").asInt(), skew.path("flagged_share_of_stage_seconds").asDouble() * 100,
                flagged.isEmpty() ? "" : ": " + String.join("; ", flagged));
    }

    static String pairsLine(JsonNode run) {
        return String.format(Locale.ROOT, "%s: %,d pairs, %,d lines, kinds %s, heap max %d MiB: %s in %.1f s, %d pairs published",
                run.path("master").asText(), run.path("dataset").path("generator").path("tenants").asInt()
                        * run.path("dataset").path("generator").path("surfaces").asInt(),
                run.path("events").asLong(), run.path("kinds").asText(), run.path("heap").path("max_mib").asLong(),
                run.path("finished").asBoolean() ? "finished" : "FAILED (" + run.path("failure").asText() + ")",
                run.path("seconds").asDouble(), run.path("published_pairs").asLong());
    }

    /** Our code's frame that started the stage when known, else Spark's stage name. */
    static String where(JsonNode stage) {
        String callSite = stage.path("call_site").asText();
        return callSite.isEmpty() ? stage.path("name").asText() : callSite;
    }

    /** Long names are cut: the table stays one line per stage. */
    static String shortName(String stageName) {
        return stageName.length() <= 60 ? stageName : stageName.substring(0, 57) + "...";
    }

    private static String stages(JsonNode stages) {
        List<String> parts = new ArrayList<>();
        stages.fieldNames().forEachRemaining(name -> parts.add(String.format(Locale.ROOT, "%s %.2f s", name,
                stages.get(name).asDouble())));
        return String.join(", ", parts);
    }

    /** Per step: seconds per million events at each size, and the ratio largest / smallest. */
    Map<String, Object> sizeScaling() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (sizes.size() < 2) {
            return out;
        }
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (String id : STEPS) {
            Map<String, Double> perSize = new LinkedHashMap<>();
            for (JsonNode size : sizes) {
                perSize.put(String.valueOf(events(size, "popularity_spark")), secondsPerMillion(size, id));
            }
            out.put(id, perSize);
            ratios.put(id, Json.round(secondsPerMillion(largest(), id) / secondsPerMillion(sizes.get(0), id)));
        }
        out.put("ratios", ratios);
        return out;
    }

    /** The runs in order, each with its speed-up over local[1] and over the 1-executor cluster. */
    private Map<String, Object> strongScaling() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (scaling.isEmpty()) {
            return out;
        }
        out.put("events", scaling.get(0).path("events").asLong());
        out.put("kinds", scaling.get(0).path("kinds").asText());
        Map<String, Object> seconds = new LinkedHashMap<>();
        scaling.forEach(r -> seconds.put(r.path("label").asText(), r.path("seconds").asDouble()));
        out.put("seconds", seconds);
        speedUp(LOCAL_1, LOCAL_2).ifPresent(x -> out.put("speedup_local_2_over_1", Json.round(x)));
        speedUp(CLUSTER_1, CLUSTER_2).ifPresent(x -> out.put("speedup_cluster_2_over_1_executors", Json.round(x)));
        return out;
    }

    /** seconds(slow) / seconds(fast), when both ran to the end. */
    Optional<Double> speedUp(String slow, String fast) {
        Optional<JsonNode> a = scalingRun(slow).filter(r -> r.path("finished").asBoolean());
        Optional<JsonNode> b = scalingRun(fast).filter(r -> r.path("finished").asBoolean());
        return a.isPresent() && b.isPresent()
                ? Optional.of(a.get().path("seconds").asDouble() / b.get().path("seconds").asDouble()) : Optional.empty();
    }

    JsonNode largest() {
        return sizes.get(sizes.size() - 1);
    }

    static double secondsPerMillion(JsonNode size, String step) {
        return size.path("steps").path(step).path("seconds_per_million").asDouble();
    }

    static long events(JsonNode size, String step) {
        return size.path("steps").path(step).path("events").asLong();
    }
}
