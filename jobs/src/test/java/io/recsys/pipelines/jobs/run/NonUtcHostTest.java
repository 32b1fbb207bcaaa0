package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.jobs.testing.ChildRun;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A host whose zone is not UTC (a laptop in Berlin, a cluster image in New York): Delta 4.1 then
 * reconstructs a table's whole state at every commit. The run pins its JVM to UTC, so the same tiny
 * run starts no more Spark jobs than {@link SparkJobsPerRunTest} allows on a UTC host, and its days
 * are still UTC days.
 */
class NonUtcHostTest {
    @TempDir
    Path tmp;

    @Test
    void aRunInANewYorkJvmStartsNoMoreSparkJobsThanInUtc() throws Exception {
        Workspace ws = new Workspace(tmp);
        // 23:30 UTC is 18:30 in New York: the day is 2026-01-01 in UTC, and must not move with the JVM's zone.
        Path input = SparkJobsPerRunTest.tinyDay(ws, "23:30:00");
        List<String> args = new ArrayList<>(List.of("run", "--date", "2026-01-01", "--kinds", "popularity"));
        args.addAll(ws.storageArgs());
        args.addAll(List.of("--set", "input.exposures=" + input, "--set", "input.outcomes=",
                "--set", "spark.master=local[2]"));

        ChildRun run = ChildRun.start(tmp, Map.of("user.timezone", "America/New_York"), args);
        assertEquals(0, run.await(), run.output());

        int jobs = ws.lastReport().get("spark_jobs").asInt();
        assertTrue(jobs > 0 && jobs <= SparkJobsPerRunTest.MAX_JOBS_FRESH, jobs + " Spark jobs in a New York JVM");
        assertEquals(SparkJobsPerRunTest.EVENTS, ws.lastReport().get("events").get("exposures").get("accepted").asInt());
        assertEquals(List.of("2026-01-01"), List.of(ws.lastReport().get("days_canonicalized").get(0).asText()));
    }
}
