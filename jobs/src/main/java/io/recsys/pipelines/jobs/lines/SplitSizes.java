package io.recsys.pipelines.jobs.lines;

import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.SparkSession;

/**
 * How input is cut into tasks, from the settings Spark's own file sources use, so that the reader
 * scales with the data as they do and an operator tunes both the same way.
 *
 * @param maxPartitionBytes {@code spark.sql.files.maxPartitionBytes}: the most bytes one task reads
 * @param openCostBytes     {@code spark.sql.files.openCostInBytes}: what opening a file costs, in bytes
 * @param minPartitions     {@code spark.sql.files.minPartitionNum}, else the session's default parallelism:
 *                          input is spread over at least this many tasks when it is big enough
 */
record SplitSizes(long maxPartitionBytes, long openCostBytes, int minPartitions) {
    SplitSizes {
        if (maxPartitionBytes < 1 || openCostBytes < 0 || minPartitions < 1) {
            throw new IllegalArgumentException("bad split sizes: " + maxPartitionBytes + ", " + openCostBytes + ", "
                    + minPartitions);
        }
    }

    static SplitSizes of(SparkSession spark) {
        return new SplitSizes(bytes(spark, "spark.sql.files.maxPartitionBytes"),
                bytes(spark, "spark.sql.files.openCostInBytes"), minPartitions(spark));
    }

    /**
     * The size of a split, as Spark's FilePartition computes it: the input spread over
     * {@code minPartitions} tasks, but never more than {@code maxPartitionBytes} nor less than the cost of
     * opening a file.
     */
    long splitBytes(long totalBytes, int files) {
        long bytesPerTask = (totalBytes + (long) files * openCostBytes) / minPartitions;
        return Math.min(maxPartitionBytes, Math.max(openCostBytes, bytesPerTask));
    }

    private static long bytes(SparkSession spark, String key) {
        return JavaUtils.byteStringAsBytes(spark.conf().get(key));
    }

    private static int minPartitions(SparkSession spark) {
        for (String key : new String[] {"spark.sql.files.minPartitionNum", "spark.sql.leafNodeDefaultParallelism"}) {
            if (spark.conf().contains(key)) {
                return Integer.parseInt(spark.conf().get(key).trim());
            }
        }
        return spark.sparkContext().defaultParallelism();
    }
}
