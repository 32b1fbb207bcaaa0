package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.text.Secrets;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.storage.RoutingObjectStore;
import io.recsys.pipelines.common.storage.StorageFailures;
import io.recsys.pipelines.jobs.spark.SparkJobCounter;
import io.recsys.pipelines.jobs.spark.SparkSessions;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

import java.time.Instant;

/**
 * The frame every Spark command runs in: one SparkSession, the work, and then always the same
 * ending: the failure classified into its exit code, the run report written (on failure too),
 * the command's own epilogue (metrics, clean-up), and Spark stopped.
 */
public final class ReportedRun {
    /** The command's work; returns its exit code. */
    @FunctionalInterface
    public interface Work {
        int run(SparkSession spark, Configuration hadoopConf);
    }

    /** What a command does after its report is written, whatever the outcome. */
    @FunctionalInterface
    public interface Epilogue {
        void run(Configuration hadoopConf, int exitCode);
    }

    private ReportedRun() {
    }

    public static int execute(PipelineConfig config, String appName, RunReport report, Location reportPath, Work work,
                              Epilogue epilogue) {
        report.redacting(config.secretValues());
        SparkSessions.RunSession session = SparkSessions.open(appName, config);
        SparkJobCounter jobs = SparkJobCounter.watch(session.spark());
        Configuration hadoopConf = session.spark().sparkContext().hadoopConfiguration();
        int exitCode = 0;
        String error = null;
        try {
            return work.run(session.spark(), hadoopConf);
        } catch (RuntimeException e) {
            // An S3 failure inside a Spark read that no edge mapped still exits 7, naming endpoint and bucket.
            RuntimeException failure = StorageFailures.ofIfS3(e, hadoopConf);
            PipelineException known = PipelineException.find(failure);
            exitCode = known != null ? known.exitCode().code() : ExitCode.UNEXPECTED.code();
            error = known != null ? known.getMessage() : failure.toString();
            throw failure;
        } finally {
            report.sparkJobs(jobs.jobs());
            jobs.close();
            report.finish(exitCode, error, Instant.now());
            // A null path: no report wanted (a dry run writes nothing unless asked).
            if (reportPath != null) {
                try {
                    report.write(new RoutingObjectStore(hadoopConf), reportPath);
                    System.out.println("run report: " + reportPath.serviceUri());
                } catch (RuntimeException e) {
                    System.err.println("warning: could not write the run report to " + reportPath + ": " + e.getMessage());
                }
            }
            epilogue.run(hadoopConf, exitCode);
            session.close();
        }
    }
}
