package io.recsys.pipelines.jobs.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Names the Spark jobs a stage of the run starts ("recsys: canonicalize", "recsys: build 2026-01-01"),
 * as Spark's UI, event log and history server show them: Delta's and AQE's jobs run on other threads
 * but inherit the description, so every job says which step of ours it serves. The previous
 * description comes back when the stage ends.
 */
public final class JobLabel implements AutoCloseable {
    private static final String DESCRIPTION = "spark.job.description";
    private final SparkContext context;
    private final String previous;

    private JobLabel(SparkContext context, String previous) {
        this.context = context;
        this.previous = previous;
    }

    public static JobLabel of(SparkSession spark, String stage) {
        SparkContext context = spark.sparkContext();
        JobLabel label = new JobLabel(context, context.getLocalProperty(DESCRIPTION));
        context.setJobDescription("recsys: " + stage);
        return label;
    }

    /** For a stage timed without a session in hand: the session this thread (or the JVM) works with. */
    public static JobLabel of(String stage) {
        return of(SparkSession.active(), stage);
    }

    @Override
    public void close() {
        context.setLocalProperty(DESCRIPTION, previous);
    }
}
