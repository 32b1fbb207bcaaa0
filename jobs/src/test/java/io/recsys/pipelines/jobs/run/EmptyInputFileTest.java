package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A day whose outcome file exists but is empty (no outcomes that day, a normal thing) is a day
 * with zero outcomes: its commit of nothing is recorded like any other, and replaces what an
 * earlier run of the day stored. Delta skips empty commits by default: the run then failed with
 * exit 1, unable to find the version it had to record.
 */
@ExtendWith(SharedSpark.class)
class EmptyInputFileTest {
    private static final String EXPOSURE = "{\"v\":1,\"ts\":\"2026-01-06T08:00:00Z\",\"tenant\":\"demo\","
            + "\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}";
    private static final String CLICK = "{\"v\":1,\"ts\":\"2026-01-06T08:00:05Z\",\"tenant\":\"demo\","
            + "\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\",\"event_type\":\"click\"}";

    @TempDir
    Path tmp;

    @Test
    void anEmptyOutcomeFileIsADayWithoutOutcomes(SparkSession spark) throws Exception {
        Workspace ws = new Workspace(tmp);
        Path exposures = ws.input("exposures.jsonl", EXPOSURE);
        Path outcomes = ws.input("outcomes.jsonl", CLICK);
        assertEquals(0, ws.run("2026-01-06", exposures, outcomes, "--kinds", "popularity"));
        assertEquals(1, outcomeRows(spark, ws));

        Files.writeString(outcomes, "");
        assertEquals(0, ws.run("2026-01-06", exposures, outcomes, "--kinds", "popularity"));

        assertEquals(0, ws.lastReport().get("events").get("outcomes").get("lines_read").asInt());
        assertEquals(0, outcomeRows(spark, ws), "the day's outcomes were replaced by none");
        assertTrue(ws.pointer("demo", "home").get("current").has("popularity"));
    }

    private static long outcomeRows(SparkSession spark, Workspace ws) {
        return spark.read().format("delta").load(ws.canonical().resolve("outcomes").toString()).count();
    }
}
