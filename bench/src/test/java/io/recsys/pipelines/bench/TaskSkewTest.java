package io.recsys.pipelines.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stage skew from event log lines shaped like Spark 4's (only the fields read are written). */
class TaskSkewTest {
    private static final long T0 = 1_800_000_000_000L;

    static String taskEnd(int stage, int attempt, long launch, long finish) {
        return "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":" + stage + ",\"Stage Attempt ID\":" + attempt
                + ",\"Task Info\":{\"Launch Time\":" + launch + ",\"Executor ID\":\"0\",\"Finish Time\":" + finish + "}}";
    }

    static String stageCompleted(int stage, int attempt, String name, long submitted, long completed) {
        return stageCompleted(stage, attempt, name, submitted, completed, "org.apache.spark.rdd.RDD.collect(RDD.scala:1)");
    }

    static String stageCompleted(int stage, int attempt, String name, long submitted, long completed, String details) {
        return "{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":{\"Stage ID\":" + stage + ",\"Stage Attempt ID\":"
                + attempt + ",\"Stage Name\":\"" + name + "\",\"Submission Time\":" + submitted
                + ",\"Completion Time\":" + completed + ",\"Details\":\"" + details + "\"}}";
    }

    @Test
    void flagsALongStageThatOneTaskCarriesAndNotABalancedOneOrAShortOne(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"4.1.2\"}");
        // Before the timed run (the warm-up): ignored.
        lines.add(taskEnd(0, 0, T0 - 9000, T0 - 1000));
        lines.add(stageCompleted(0, 0, "warm-up", T0 - 9000, T0 - 1000));
        // 10 s, one task of 9 s and one of 1 s: 90% in one task, flagged.
        lines.add(taskEnd(1, 0, T0, T0 + 9000));
        lines.add(taskEnd(1, 0, T0, T0 + 1000));
        lines.add(stageCompleted(1, 0, "write at Canonicalizer.java:42", T0, T0 + 10_000,
                "org.apache.spark.sql.Dataset.save(Dataset.scala:1)\\nio.recsys.pipelines.jobs.canonicalize.Canonicalizer.write(Canonicalizer.java:42)"));
        // 4 s, two equal tasks: balanced. An adaptive plan's stage: our frame is in its SQL execution.
        lines.add("{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart\",\"executionId\":3,"
                + "\"description\":\"count\",\"details\":\"org.apache.spark.sql.Dataset.count(Dataset.scala:1)\\n"
                + "io.recsys.pipelines.jobs.kinds.CoocBuilder.build(CoocBuilder.java:107)\\nio.recsys.pipelines.jobs.run.X.y(X.java:1)\"}");
        lines.add("{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":{\"Stage ID\":2},"
                + "\"Properties\":{\"spark.sql.execution.id\":\"3\"}}");
        lines.add(taskEnd(2, 0, T0 + 10_000, T0 + 14_000));
        lines.add(taskEnd(2, 0, T0 + 10_000, T0 + 14_000));
        lines.add(stageCompleted(2, 0, "count at CoocBuilder.java:7", T0 + 10_000, T0 + 14_000));
        // 1.5 s, a single task: short, not flagged.
        lines.add(taskEnd(3, 0, T0 + 14_000, T0 + 15_500));
        lines.add(stageCompleted(3, 0, "collect", T0 + 14_000, T0 + 15_500));
        // A retried stage: attempt 1 is its own entry.
        lines.add(taskEnd(2, 1, T0 + 16_000, T0 + 16_500));
        lines.add(stageCompleted(2, 1, "count at CoocBuilder.java:7", T0 + 16_000, T0 + 16_500));
        Path app = Files.createDirectories(dir.resolve("eventlog_v2_app-1"));
        Files.write(app.resolve("events_1_app-1"), lines.subList(0, 6));
        // A name sort would read events_10 before events_2; number order reads it last.
        Files.write(app.resolve("events_10_app-1"), List.of(taskEnd(4, 0, T0 + 20_000, T0 + 20_100),
                stageCompleted(4, 0, "last", T0 + 20_000, T0 + 20_100)));
        Files.write(app.resolve("events_2_app-1"), lines.subList(6, lines.size()));
        Files.writeString(app.resolve("appstatus_app-1"), "");

        List<TaskSkew.Stage> stages = TaskSkew.read(dir, T0);

        assertEquals(List.of("1", "2", "3", "2.1", "4"), stages.stream().map(s -> (String) s.json().get("stage")).toList());
        assertEquals("Canonicalizer.write:42", stages.get(0).callSite());
        assertEquals("CoocBuilder.build:107", stages.get(1).callSite());
        assertEquals("", stages.get(2).callSite());
        TaskSkew.Stage skewed = stages.get(0);
        assertEquals(10.0, skewed.seconds());
        assertEquals(2, skewed.tasks());
        assertEquals(0.9, skewed.largestShare(), 1e-9);
        assertTrue(skewed.flagged());
        assertFalse(stages.get(1).flagged());
        assertFalse(stages.get(2).flagged(), "1.5 s is not longer than 2 s");

        assertEquals(9.0, skewed.runningSeconds());

        Map<String, Object> summary = TaskSkew.summary(stages);
        assertEquals(1L, summary.get("flagged_stages"));
        assertEquals(5, summary.get("stages"));
        assertEquals(Json.round(10.0 / 16.1), summary.get("flagged_share_of_stage_seconds"));
    }

    @Test
    void aStageThatQueuedForCoresIsJudgedByTheTimeItsTasksRan(@TempDir Path dir) throws Exception {
        // Submitted at T0, done at T0 + 9 s, but its one task ran 0.1 s at the end: another kind's stage
        // held the cores. Nothing of it kept a core idle, so it is not flagged; its wall time is kept.
        Path app = Files.createDirectories(dir.resolve("eventlog_v2_app-1"));
        Files.write(app.resolve("events_1_app-1"), List.of(taskEnd(1, 0, T0 + 8_900, T0 + 9_000),
                stageCompleted(1, 0, "queued", T0, T0 + 9_000)));

        TaskSkew.Stage queued = TaskSkew.read(dir, T0).get(0);

        assertEquals(9.0, queued.seconds());
        assertEquals(0.1, queued.runningSeconds(), 1e-9);
        assertFalse(queued.flagged());
    }
}
