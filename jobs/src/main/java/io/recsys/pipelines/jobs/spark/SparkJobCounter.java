package io.recsys.pipelines.jobs.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the Spark jobs a command starts, for its report: every job pays a fixed cost (scheduling,
 * a task per partition, Delta's state reads), which is what a small run spends most of its time on.
 * Listener events arrive asynchronously; {@link #jobs()} first lets the bus deliver what was posted.
 */
public final class SparkJobCounter extends SparkListener implements AutoCloseable {
    private final SparkSession spark;
    private final AtomicInteger started = new AtomicInteger();

    private SparkJobCounter(SparkSession spark) {
        this.spark = spark;
    }

    public static SparkJobCounter watch(SparkSession spark) {
        SparkJobCounter counter = new SparkJobCounter(spark);
        spark.sparkContext().addSparkListener(counter);
        return counter;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        started.incrementAndGet();
    }

    /** The jobs started since {@link #watch}, every posted event delivered (at most a few seconds' wait). */
    public int jobs() {
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
        } catch (java.util.concurrent.TimeoutException e) {
            // A count a little short is still the report's best figure; it never holds the run back.
        }
        return started.get();
    }

    @Override
    public void close() {
        spark.sparkContext().removeSparkListener(this);
    }
}
