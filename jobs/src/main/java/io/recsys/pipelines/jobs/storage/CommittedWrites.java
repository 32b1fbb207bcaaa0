package io.recsys.pipelines.jobs.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.HadoopObjectStore;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.common.storage.StorageFailures;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;

/**
 * Runs the Spark write of one output folder. A storage failure inside the job becomes an exit-7
 * error naming the endpoint and bucket; on S3 the job must have been committed by an S3A committer,
 * which leaves JSON in {@code _SUCCESS}. The classic committer leaves it empty: on S3 its rename is
 * a copy of every file, neither atomic nor fast, so the run stops there rather than publish on it.
 */
public final class CommittedWrites {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommittedWrites() {
    }

    public static void run(SparkSession spark, Path folder, Runnable write) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            write.run();
        } catch (RuntimeException e) {
            throw StorageFailures.ofIfStorage("write", folder, conf, e);
        }
        if (Locations.isS3(folder)) {
            requireS3ACommitter(folder, conf);
        }
    }

    /** The committer named in the folder's _SUCCESS, or null if it holds no committer JSON. */
    static String committerOf(byte[] success) {
        try {
            JsonNode node = success.length == 0 ? null : JSON.readTree(success);
            return node != null && node.path("committer").isTextual() ? node.path("committer").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void requireS3ACommitter(Path folder, Configuration conf) {
        Path success = new Path(folder, "_SUCCESS");
        byte[] bytes = new HadoopObjectStore(conf).read(Locations.of(success)).orElse(new byte[0]);
        if (committerOf(bytes) == null) {
            throw new PipelineException(ExitCode.UNEXPECTED, "the classic rename committer wrote " + folder
                    + " (" + success + " is missing or holds no S3A committer JSON); on S3 it is neither atomic nor fast, so the run "
                    + "stops before publishing. Keep spark-hadoop-cloud on the classpath and set "
                    + "spark.sql.sources.commitProtocolClass=org.apache.spark.internal.io.cloud.PathOutputCommitProtocol, "
                    + "spark.sql.parquet.output.committer.class=org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter "
                    + "and spark.hadoop.fs.s3a.committer.name=magic (the cluster's "
                    + "mapreduce.outputcommitter.factory.scheme.s3a must not override S3A's committer factory); see the README, "
                    + "section \"How writes work on S3\".");
        }
    }
}
