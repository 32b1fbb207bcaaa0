package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One (tenant, surface, day) is written by every task, not by one (issue 11, point 3): with the
 * shared local[2] session, the day's canonical rows and aggregates land in one file per commit task (its
 * default parallelism). The Parquet-only version hash-partitioned by (tenant, surface, dt) and wrote one.
 */
@ExtendWith(SharedSpark.class)
class OnePairSpreadTest {
    @TempDir
    Path tmp;

    @Test
    void aSinglePairsDayIsWrittenByEveryTaskAndDuplicatesAcrossThemAreDroppedOnce(SparkSession spark) {
        Workspace ws = new Workspace(tmp);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            lines.add("{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s"
                    + (i % 50) + "\",\"item_id\":\"i" + i + "\"}");
        }
        lines.addAll(lines.subList(0, 100));
        Path input = ws.input("day.jsonl", lines.toArray(String[]::new));

        assertEquals(0, ws.run("2026-01-01", input, null, "--kinds", "popularity"));

        var exposures = spark.read().format("delta").load(ws.canonical().resolve("exposures").toString());
        assertEquals(400, exposures.count());
        assertEquals(100, ws.lastReport().get("events").get("exposures").get("duplicates_dropped").asInt());
        assertEquals(spark.sparkContext().defaultParallelism(), exposures.inputFiles().length,
                "one file per task, every task holding part of the one day");
        var aggregates = spark.read().format("delta").load(ws.aggregates().resolve("daily").toString());
        assertEquals(400, aggregates.count());
        assertTrue(aggregates.inputFiles().length > 1, "the aggregates of the day are spread too");
    }
}
