package io.recsys.pipelines.jobs.tables;

import io.recsys.pipelines.jobs.testing.Captured;
import io.recsys.pipelines.jobs.aggregate.DailyAggregates;
import io.recsys.pipelines.jobs.canonicalize.CanonicalSchemas;
import io.recsys.pipelines.jobs.cli.Main;
import io.recsys.pipelines.jobs.spark.SparkSessions;
import io.recsys.pipelines.jobs.canonicalize.StagingRecord;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Parquet store of the earlier version is refused until `table convert`; then history, optimize and vacuum. */
@ExtendWith(SharedSpark.class)
class TableCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aPlainParquetStoreIsRefusedUntilConvertedAndThenItsDaysAreUsed(SparkSession spark) throws Exception {
        Workspace ws = new Workspace(tmp);
        List<Row> exposures = List.of(
                RowFactory.create("demo", "home", Date.valueOf("2026-01-01"), "s1", "A", null, null, 0,
                        Timestamp.valueOf("2026-01-01 08:00:00")),
                RowFactory.create("demo", "home", Date.valueOf("2026-01-01"), "s2", "B", null, null, 0,
                        Timestamp.valueOf("2026-01-01 09:00:00")));
        spark.createDataFrame(exposures, CanonicalSchemas.EXPOSURES).write().partitionBy("tenant", "surface", "dt")
                .parquet(ws.canonical().resolve("exposures").toString());
        spark.createDataFrame(List.of(RowFactory.create("demo", "home", Date.valueOf("2026-01-01"), "A", 1L, 0L, 0L, 0.0),
                        RowFactory.create("demo", "home", Date.valueOf("2026-01-01"), "B", 1L, 0L, 0L, 0.0)),
                DailyAggregates.SCHEMA).write().partitionBy("tenant", "surface", "dt")
                .parquet(ws.aggregates().resolve("daily").toString());
        Path input = ws.input("2026-01-02.jsonl", "{\"v\":1,\"ts\":\"2026-01-02T08:00:00Z\",\"tenant\":\"demo\","
                + "\"surface\":\"home\",\"session_id\":\"s3\",\"item_id\":\"A\"}");
        Path pattern = input.getParent().resolve("{date}.jsonl");

        String refused = Captured.err(() -> assertEquals(2, ws.run("2026-01-02", pattern, null, "--window-days", "2")));
        assertTrue(refused.contains("plain Parquet") && refused.contains("table convert"), refused);

        // A run's first commit in progress looks like a Parquet table: convert would adopt its uncommitted files.
        Path liveRun = ws.canonical().resolve("_staging").resolve("20261207T100000Z-live01");
        try (StagingRecord alive = StagingRecord.start(new org.apache.hadoop.fs.Path(liveRun.toUri()),
                "20261207T100000Z-live01", spark.sparkContext().hadoopConfiguration())) {
            String waiting = Captured.err(() -> assertEquals(6, table(ws, "convert")));
            assertTrue(waiting.contains("1 run(s) are writing to the canonical store now (20261207T100000Z-live01)"),
                    waiting);
            String listed = Captured.out(() -> assertEquals(0, table(ws, "history")));
            assertTrue(listed.contains("a run's first commit is in progress, or a plain Parquet table"), listed);
        }
        try (var files = java.nio.file.Files.walk(liveRun)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        String converted = Captured.out(() -> assertEquals(0, table(ws, "convert")));
        assertTrue(converted.contains("canonical/exposures: converted"), converted);
        assertTrue(converted.contains("aggregates: converted"), converted);
        assertTrue(converted.contains("recorded 1 converted day(s) 2026-01-01"), converted);

        assertEquals(0, ws.run("2026-01-02", pattern, null, "--window-days", "2", "--kinds", "popularity"));
        String uri = ws.pointer("demo", "home").get("current").get("popularity").asText();
        assertEquals("[{\"item_id\":\"A\",\"count\":2},{\"item_id\":\"B\",\"count\":1}]",
                Workspace.readJson(Path.of(uri.substring("file://".length()))).get("items").toString(),
                "the converted day 2026-01-01 is read from the store");

        String history = Captured.out(() -> assertEquals(0, table(ws, "history", "--table", "canonical/exposures")));
        // CONVERT TO DELTA in place where Delta can link it; on Delta 4.1.0 with Spark 4.1.2, the rewrite.
        assertTrue((history.contains("CONVERT") || history.contains("table convert")) && history.contains("version 1"), history);
        assertTrue(Captured.out(() -> assertEquals(0, table(ws, "optimize"))).contains("canonical/exposures: optimized"));
        LargestStage largest = LargestStage.watch(spark);
        String vacuumed = Captured.out(() -> assertEquals(0, table(ws, "vacuum", "--retain-hours", "0", "--force")));
        assertTrue(vacuumed.contains("aggregates: vacuumed"), vacuumed);
        assertTrue(largest.stop() <= 4 * spark.sparkContext().defaultParallelism(),
                "vacuum lists a small table with a few tasks per slot, not Spark's 10,000: " + largest.tasks);
        assertEquals(3, spark.read().format("delta").load(ws.canonical().resolve("exposures").toString()).count());
        assertEquals(2, table(ws, "history", "--table", "bogus"));
    }

    @Test
    void aRetentionBelowDeltasSafetyIntervalIsAUsageErrorWithoutForceBeforeSparkStarts() {
        Workspace ws = new Workspace(tmp);
        int sessions = SparkSessions.openedCount();

        String flag = Captured.err(() -> assertEquals(2, table(ws, "vacuum", "--retain-hours", "0")));
        String configured = Captured.err(() -> assertEquals(2, table(ws, "vacuum", "--set", "tables.vacuum_retain_hours=24")));

        assertTrue(flag.contains("--retain-hours 0 is below Delta's safety interval of 168 hours"), flag);
        assertTrue(flag.contains("running job") && flag.contains("time travel") && flag.contains("not yet committed"), flag);
        assertTrue(flag.contains("--force"), flag);
        assertTrue(configured.contains("tables.vacuum_retain_hours = 24 is below Delta's safety interval"), configured);
        assertEquals(sessions, SparkSessions.openedCount(), "refused before Spark starts");
    }

    /** The most tasks any stage had while it watched. */
    private static final class LargestStage extends SparkListener {
        private final SparkSession spark;
        private volatile int tasks;

        private LargestStage(SparkSession spark) {
            this.spark = spark;
        }

        static LargestStage watch(SparkSession spark) {
            LargestStage listener = new LargestStage(spark);
            spark.sparkContext().addSparkListener(listener);
            return listener;
        }

        @Override
        public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
            tasks = Math.max(tasks, submitted.stageInfo().numTasks());
        }

        int stop() throws java.util.concurrent.TimeoutException {
            // Listener events arrive asynchronously: let the bus deliver what the command's jobs posted.
            spark.sparkContext().listenerBus().waitUntilEmpty();
            spark.sparkContext().removeSparkListener(this);
            return tasks;
        }
    }

    private static int table(Workspace ws, String... args) {
        List<String> all = new ArrayList<>(List.of("table"));
        all.addAll(List.of(args));
        all.addAll(ws.storageArgs());
        return Main.execute(all.toArray(String[]::new));
    }
}
