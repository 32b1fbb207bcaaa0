package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny run's cost is its Spark jobs, not its rows: each one schedules tasks and may read Delta's
 * state. The report counts them, and a one-day popularity run over a few lines, on a fresh store and
 * again on the existing one, starts no more than it does today (measured 2026-12-07: 35 and 43, most
 * of them Delta's file filtering and snapshot state for each table read). The target is 15; the
 * bounds come down as the write path does. The second run's jobs are printed, with their call sites.
 */
@ExtendWith(SharedSpark.class)
class SparkJobsPerRunTest {
    static final int MAX_JOBS_FRESH = 35;
    static final int MAX_JOBS_AGAIN = 43;
    static final int EVENTS = 20;

    @TempDir
    Path tmp;

    @Test
    void aTinyOneDayPopularityRunStartsFewSparkJobsAndTheReportCountsThem() {
        Workspace ws = new Workspace(tmp);
        Path input = tinyDay(ws, "08:00:00");

        assertEquals(0, ws.run("2026-01-01", input, null, "--kinds", "popularity"));
        int fresh = ws.lastReport().get("spark_jobs").asInt();
        JobSites sites = new JobSites();
        SharedSpark.session().sparkContext().addSparkListener(sites);
        assertEquals(0, ws.run("2026-01-01", input, null, "--kinds", "popularity"));
        int again = ws.lastReport().get("spark_jobs").asInt();
        SharedSpark.session().sparkContext().removeSparkListener(sites);
        System.out.println("jobs of the second run:\n  " + String.join("\n  ", sites.sites));

        System.out.println("spark jobs of a tiny run: fresh store " + fresh + ", existing store " + again);
        assertTrue(fresh > 0 && again > 0, "the report counts the jobs");
        assertTrue(fresh <= MAX_JOBS_FRESH, "fresh store: " + fresh + " jobs");
        assertTrue(again <= MAX_JOBS_AGAIN, "existing store: " + again + " jobs");
    }

    /** {@link #EVENTS} exposures of demo/home on 2026-01-01 at {@code time} (UTC), over four items. */
    static Path tinyDay(Workspace ws, String time) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            lines.add("{\"v\":1,\"ts\":\"2026-01-01T" + time + "Z\",\"tenant\":\"demo\",\"surface\":\"home\","
                    + "\"session_id\":\"s" + i + "\",\"item_id\":\"I" + (i % 4) + "\"}");
        }
        return ws.input("day.jsonl", lines.toArray(String[]::new));
    }

    /** Where each job was started from: the first stage's name is its call site. */
    private static final class JobSites extends org.apache.spark.scheduler.SparkListener {
        final List<String> sites = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
            String description = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
            sites.add(start.jobId() + ": " + (description != null ? description + " | " : "")
                    + start.stageInfos().head().name() + " (" + start.stageInfos().size() + " stages)");
        }
    }
}
