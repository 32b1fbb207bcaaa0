package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.jobs.testing.ChildRun;
import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.HadoopConfs;
import io.recsys.pipelines.jobs.testing.S3Server;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Per-tenant runs are several drivers on one table. On the S3 test server, drivers each in its own
 * JVM and scoped to its own tenant run the same day at once: four on a fresh store (they race to
 * create every table), then two on the existing one. Every run commits, no commit is lost, every row
 * is there once. Delta's default s3a log store would let two drivers writing the same log
 * version both "succeed"; the create-only log store makes one of them retry.
 */
@ExtendWith({SharedSpark.class, S3Server.Extension.class})
class S3ConcurrentRunsTest {
    private static final int DRIVERS = 4;
    private static final int LINES = 30;
    private static final String DAY = "2026-01-01";

    private final S3Server s3;
    private final String bucket = "drivers-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    Path tmp;

    S3ConcurrentRunsTest(S3Server s3) {
        this.s3 = s3;
    }

    @Test
    @Timeout(600)
    void driversOfDifferentTenantsCommitTheSameDayOnAFreshAndAnExistingTableAndLoseNothing(SparkSession spark)
            throws Exception {
        s3.createBucket(bucket);
        StringBuilder input = new StringBuilder();
        for (int t = 0; t < DRIVERS; t++) {
            for (int i = 0; i < LINES; i++) {
                input.append("{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"t").append(t)
                        .append("\",\"surface\":\"home\",\"session_id\":\"s").append(i).append("\",\"item_id\":\"I")
                        .append(i % 5).append("\"}\n");
            }
        }
        s3.put(bucket, "raw/" + DAY + ".jsonl", input.toString());

        int[] driversPerRound = {DRIVERS, 2};
        int commits = 0;
        for (int round = 1; round <= driversPerRound.length; round++) {
            List<ChildRun> runs = new ArrayList<>();
            for (int t = 0; t < driversPerRound[round - 1]; t++) {
                List<String> args = new ArrayList<>(List.of("run", "--date", DAY, "--tenant", "t" + t, "--kinds",
                        "popularity"));
                args.addAll(S3Server.setArgs(overrides()));
                // One task thread each: four drivers share two cores, and the race is in the commits, not the tasks.
                args.addAll(List.of("--set", "spark.master=local[1]", "--set", "spark.sql.shuffle.partitions=2"));
                runs.add(ChildRun.start(tmp, Map.of(), args));
            }
            for (ChildRun run : runs) {
                assertEquals(0, run.await(), () -> output(run));
            }
            commits += runs.size();
            HadoopConfs.apply(ConfigLoader.load(null, overrides()), spark.sparkContext().hadoopConfiguration());
            for (String table : List.of("canonical/exposures", "aggregates/daily")) {
                String root = "s3a://" + bucket + "/" + table;
                Map<String, Long> expected = new TreeMap<>();
                for (int t = 0; t < DRIVERS; t++) {
                    expected.put("t" + t, table.startsWith("canonical") ? (long) LINES : 5L);
                }
                assertEquals(expected, rowsByTenant(spark, root), table + " after round " + round);
                assertEquals(commits, spark.sql("DESCRIBE HISTORY delta.`" + root + "`")
                        .filter("userMetadata LIKE 'run=%'").count(), table + ": every run's commit is in the log");
            }
        }
    }

    private List<String> overrides() {
        List<String> overrides = new ArrayList<>(s3.overrides(S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
        String root = "s3a://" + bucket;
        overrides.addAll(List.of("input.exposures=" + root + "/raw/{date}.jsonl", "input.outcomes=",
                "storage.canonical=" + root + "/canonical", "storage.aggregates=" + root + "/aggregates",
                "storage.objectstore=" + root + "/", "storage.registry=" + root + "/registry",
                "storage.reports=" + tmp.resolve("reports"), "metrics.textfile=",
                "spark.hadoop.hadoop.tmp.dir=" + tmp));
        return overrides;
    }

    private static Map<String, Long> rowsByTenant(SparkSession spark, String root) {
        Map<String, Long> rows = new TreeMap<>();
        for (Row r : spark.read().format("delta").load(root).groupBy("tenant").count().collectAsList()) {
            rows.put(r.getString(0), r.getLong(1));
        }
        return rows;
    }

    private static String output(ChildRun run) {
        try {
            return run.output();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
