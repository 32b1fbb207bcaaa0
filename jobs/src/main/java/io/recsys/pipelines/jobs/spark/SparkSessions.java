package io.recsys.pipelines.jobs.spark;

import io.recsys.pipelines.common.config.PipelineConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/** Builds the one SparkSession of a run, with the settings every job relies on. */
public final class SparkSessions {
    private SparkSessions() {
    }

    /** A session and whether this run started it: only the starter stops it (tests share one). */
    public record RunSession(SparkSession spark, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                spark.stop();
            }
        }
    }

    public static RunSession open(String appName, PipelineConfig config) {
        boolean existed = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        return new RunSession(create(appName, config), !existed);
    }

    public static SparkSession create(String appName, PipelineConfig config) {
        SparkConf conf = new SparkConf().setAppName(appName);
        // spark-submit sets spark.master; a plain `java` run (the local wrapper, tests) gets local[*].
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        for (Map.Entry<String, String> e : config.sparkSettings().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        applyRequired(conf);
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** Settings the jobs' correctness depends on; user settings cannot turn them off. */
    public static void applyRequired(SparkConf conf) {
        // Days are UTC days (contract 1.1); to_date and partition values must not follow the host zone.
        conf.set("spark.sql.session.timeZone", "UTC");
        // Re-processing a window replaces exactly the partitions written, not the whole table.
        conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic");
        conf.setIfMissing("spark.sql.adaptive.enabled", "true");
        conf.setIfMissing("spark.sql.adaptive.coalescePartitions.enabled", "true");
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.sql.parquet.compression.codec", "zstd");
        // No _SUCCESS-less partial folders are read as data; Spark writes _SUCCESS by default.
        conf.setIfMissing("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "true");
    }
}
