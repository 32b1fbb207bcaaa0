package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.HadoopConfs;
import io.recsys.pipelines.jobs.cli.Main;
import io.recsys.pipelines.jobs.testing.ChildRun;
import io.recsys.pipelines.jobs.testing.S3Server;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code table vacuum} while a run is between its two commits, canonical store on the S3 test server.
 * The tables hold one day; the run of the next day is paused (a child JVM) just before its exposures
 * commit: its new exposure files sit uncommitted in the table, its outcomes only in its staging folder.
 * Vacuum at its default retention vacuums the tables
 * and must leave that folder alone (the run's heartbeat record says it is alive); the run then
 * resumes and commits both streams whole. A forced short retention ({@code --retain-hours 0 --force})
 * is refused with exit 6 while the run lives: it would delete the run's uncommitted exposure files and
 * its staging (measured without the check: the run's commit then named the deleted files, the run
 * failed reading them with exit 1: the latest table version named files that were gone).
 *
 * <p>Measured on the way: S3A (Hadoop 3.3.4 and 3.4.2) lists a folder with the listing's own time, so
 * by its folder time a crashed run's staging never aged at all; the record's time is the run's.
 */
@ExtendWith({SharedSpark.class, S3Server.Extension.class})
class VacuumDuringRunTest {
    private static final String DAY_BEFORE = "2026-01-01";
    private static final String DAY = "2026-01-02";
    private static final int LINES = 20;

    private final S3Server s3;
    private final String bucket = "vacuum-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    Path tmp;

    VacuumDuringRunTest(S3Server s3) {
        this.s3 = s3;
    }

    @Test
    @Timeout(300)
    void vacuumAtItsDefaultRetentionLeavesALiveRunsStagingAndTheRunCommitsWhole(SparkSession spark) throws Exception {
        s3.createBucket(bucket);
        StringBuilder exposures = new StringBuilder();
        StringBuilder outcomes = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            String common = "\"ts\":\"" + DAY + "T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s"
                    + i + "\",\"item_id\":\"I" + (i % 5) + "\"";
            exposures.append("{\"v\":1,").append(common).append("}\n");
            outcomes.append("{\"v\":1,").append(common).append(",\"event_type\":\"click\"}\n");
        }
        for (String day : List.of(DAY_BEFORE, DAY)) {
            s3.put(bucket, "raw/exposures/" + day + ".jsonl", exposures.toString().replace(DAY, day));
            s3.put(bucket, "raw/outcomes/" + day + ".jsonl", outcomes.toString().replace(DAY, day));
        }
        List<String> first = new ArrayList<>(List.of("run", "--date", DAY_BEFORE, "--kinds", "popularity"));
        first.addAll(S3Server.setArgs(overrides()));
        assertEquals(0, Main.execute(first.toArray(String[]::new)), "the tables exist before the run vacuum meets");

        Path signal = tmp.resolve("paused");
        Path resume = tmp.resolve("resume");
        List<String> args = new ArrayList<>(List.of("run", "--date", DAY, "--kinds", "popularity"));
        args.addAll(S3Server.setArgs(overrides()));
        args.addAll(List.of("--set", "spark.master=local[1]", "--set", "spark.sql.shuffle.partitions=2"));
        ChildRun run = ChildRun.start(tmp, Map.of(CrashHooks.AT, "pause-before-commit",
                CrashHooks.TABLE, "/canonical/exposures", CrashHooks.SIGNAL, signal.toString(),
                CrashHooks.RESUME, resume.toString(), "spark.delta.logStore.s3a.impl", CrashHooks.S3LogStore.class.getName()),
                args);
        long deadline = System.currentTimeMillis() + 240_000;
        while (!Files.exists(signal) && System.currentTimeMillis() < deadline && run.isAlive()) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(signal), () -> "the run reached its exposures commit: " + output(run));
        List<String> staged = s3.keys(bucket, "canonical/_staging/");
        assertTrue(staged.stream().anyMatch(k -> k.contains("/outcomes/")), "the outcomes wait in staging: " + staged);

        List<String> forced = new ArrayList<>(List.of("table", "vacuum", "--retain-hours", "0", "--force"));
        forced.addAll(S3Server.setArgs(overrides()));
        String refused = io.recsys.pipelines.jobs.testing.Captured.err(
                () -> assertEquals(6, Main.execute(forced.toArray(String[]::new))));
        assertTrue(refused.contains("while 1 run(s) are writing to the canonical store") && refused.contains("Nothing was "
                + "vacuumed"), refused);
        assertEquals(staged, s3.keys(bucket, "canonical/_staging/"), "the refused vacuum deleted nothing");

        List<String> vacuum = new ArrayList<>(List.of("table", "vacuum"));
        vacuum.addAll(S3Server.setArgs(overrides()));
        String vacuumed = io.recsys.pipelines.jobs.testing.Captured.out(
                () -> assertEquals(0, Main.execute(vacuum.toArray(String[]::new))));
        assertTrue(vacuumed.contains("canonical/exposures: vacuumed"), vacuumed);
        assertEquals(staged, s3.keys(bucket, "canonical/_staging/"), "vacuum left the live run's staging alone");

        Files.writeString(resume, "go");
        assertEquals(0, run.await(), () -> output(run));
        HadoopConfs.apply(ConfigLoader.load(null, overrides()), spark.sparkContext().hadoopConfiguration());
        for (String table : List.of("exposures", "outcomes")) {
            assertEquals(2L * LINES, spark.read().format("delta").load("s3a://" + bucket + "/canonical/" + table).count(),
                    table + ": both days, every row once");
        }
        assertFalse(s3.keys(bucket, "canonical/_staging/").stream().anyMatch(k -> k.contains("/outcomes/")),
                "the run removed its own staging");
    }

    private List<String> overrides() {
        List<String> overrides = new ArrayList<>(s3.overrides(S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
        String root = "s3a://" + bucket;
        overrides.addAll(List.of("input.exposures=" + root + "/raw/exposures/{date}.jsonl",
                "input.outcomes=" + root + "/raw/outcomes/{date}.jsonl",
                "storage.canonical=" + root + "/canonical", "storage.aggregates=" + root + "/aggregates",
                "storage.objectstore=" + root + "/", "storage.registry=" + root + "/registry",
                "storage.reports=" + tmp.resolve("reports"), "metrics.textfile=",
                "spark.hadoop.hadoop.tmp.dir=" + tmp));
        return overrides;
    }

    private static String output(ChildRun run) {
        try {
            return run.output();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
