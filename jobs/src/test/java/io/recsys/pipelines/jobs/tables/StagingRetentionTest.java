package io.recsys.pipelines.jobs.tables;

import io.recsys.pipelines.jobs.canonicalize.CanonicalStore;
import io.recsys.pipelines.jobs.canonicalize.StagingRecord;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vacuum tells a live run's staging from a crashed one's by the record the run keeps fresh, never by
 * the folder's modification time (0 for every folder on S3A, imitated here on local files).
 */
@ExtendWith(SharedSpark.class)
class StagingRetentionTest {
    @TempDir
    Path tmp;

    @Test
    void aLiveRunsStagingSurvivesVacuumWhateverItsFolderTimeAndACrashedOnesGoes(SparkSession spark) throws Exception {
        CanonicalStore store = new CanonicalStore(spark, new org.apache.hadoop.fs.Path(tmp.toUri()));
        Path live = stagingOf("20261207T100000Z-live01", "exposures/part-0.parquet");
        Path crashed = stagingOf("20261201T100000Z-dead01", "exposures/part-0.parquet");
        long longAgo = System.currentTimeMillis() - 30L * 24 * 3_600_000L;
        try (StagingRecord record = StagingRecord.start(new org.apache.hadoop.fs.Path(live.toUri()),
                "20261207T100000Z-live01", spark.sparkContext().hadoopConfiguration())) {
            ageFilesAndFolders(live, longAgo);
            touch(live.resolve(StagingRecord.NAME), System.currentTimeMillis());
            ageFilesAndFolders(crashed, longAgo);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new TableMaintenance(spark, new PrintStream(out, true)).removeStaleStaging(store, 0);

            assertTrue(Files.exists(live.resolve("exposures/part-0.parquet")), "the live run keeps its staged lines");
            assertFalse(Files.exists(crashed), "the crashed run's staging is removed");
            assertTrue(out.toString().contains("dead01") && !out.toString().contains("live01"), out.toString());
        }
    }

    @Test
    void theQuarantineOfRunsOlderThanTheRetentionGoesByTheRunsStartNotTheFolderTime(SparkSession spark) throws Exception {
        CanonicalStore store = new CanonicalStore(spark, new org.apache.hadoop.fs.Path(tmp.toUri()));
        String recent = io.recsys.pipelines.registry.RunIdentity.runId(java.time.Instant.now().minusSeconds(86_400));
        Path old = tmp.resolve("rejects/exposures/run=20200101T000000Z-aaaaaa/tenant=demo/part-0.json");
        Path young = tmp.resolve("rejects/outcomes/run=" + recent + "/tenant=demo/part-0.json");
        for (Path p : java.util.List.of(old, young)) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "{}");
        }
        // The old run's files were touched lately (a copy, a restore): its id still says when it ran.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TableMaintenance(spark, new PrintStream(out, true)).removeOldRejects(store, 30);

        assertFalse(Files.exists(old.getParent().getParent()), "a run of 2020 is past 30 days");
        assertTrue(Files.exists(young), "yesterday's run is kept");
        assertTrue(out.toString().contains("removed the quarantine of 1 run(s) older than 30 days"), out.toString());
    }

    private Path stagingOf(String runId, String file) throws Exception {
        Path folder = tmp.resolve(CanonicalStore.STAGING).resolve(runId);
        Files.createDirectories(folder.resolve(file).getParent());
        Files.writeString(folder.resolve(file), "x");
        return folder;
    }

    /** Every file and folder under {@code root} (itself too) looks {@code time} old, as S3A shows folders. */
    private static void ageFilesAndFolders(Path root, long time) throws Exception {
        try (var all = Files.walk(root)) {
            for (Path p : all.toList()) {
                touch(p, p.getFileName().toString().equals(StagingRecord.NAME) ? System.currentTimeMillis() : time);
            }
        }
        touch(root, 0);
    }

    private static void touch(Path p, long millis) throws Exception {
        Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(millis));
    }
}
