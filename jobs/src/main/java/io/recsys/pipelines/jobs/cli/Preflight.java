package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.config.HadoopConfs;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.common.storage.RoutingObjectStore;
import io.recsys.pipelines.jobs.run.RunOptions;
import io.recsys.pipelines.jobs.run.RunPlan;
import io.recsys.pipelines.jobs.run.RunPlanner;
import io.recsys.pipelines.jobs.run.RunReport;
import io.recsys.pipelines.registry.RegistryContext;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The part of `run` that needs no SparkSession: the plan (days, limits, kinds, and for incremental
 * runs the checkpoints), read with the same Hadoop settings Spark would get, as the manifest
 * commands read the registry. A usage error or "nothing to do" then answers in well under a second.
 */
final class Preflight {
    private Preflight() {
    }

    /** Empty when an incremental run has nothing to do; throws the usage and limit errors. */
    static Optional<RunPlan> plan(RunOptions options, PipelineConfig config) {
        Path registryRoot = Locations.resolve(config.storage().registry());
        Configuration conf = HadoopConfs.from(config);
        // A JVM that ran before with other s3 settings (the tests, a notebook) may have cached the bucket's
        // FileSystem with them: close such a stale instance before reading the checkpoints.
        HadoopConfs.closeStaleFileSystems(config, conf);
        try {
            RegistryContext registry = RegistryContext.of(config, conf, Instant::now);
            if (!options.dryRun()) {
                // A registry on HDFS cannot take a publish: say so before Spark starts, not after the build.
                registry.registry().requireAtomicPointers();
            }
            return RunPlanner.plan(options, config, registry.checkpoints());
        } finally {
            // Every plan reads the checkpoints (incremental starts, and the pairs a run covers).
            forgetFileSystem(registryRoot, conf);
        }
    }

    /**
     * Hadoop caches one FileSystem per bucket for the JVM. The one this read created has only the
     * config's settings, not everything Spark adds to its Hadoop configuration (spark-defaults,
     * credentials from the environment): closing it drops it from the cache, so Spark builds its own.
     */
    private static void forgetFileSystem(Path root, Configuration conf) {
        if (Locations.isLocal(root)) {
            return;
        }
        try {
            root.getFileSystem(conf).close();
        } catch (IOException e) {
            // Nothing was written through it; Spark builds its own either way.
        }
    }

    /**
     * The end of a run that never needed Spark ("nothing to do", or a registry it could not read): its
     * report and metrics, as after any run.
     */
    static void finishWithoutSpark(PipelineConfig config, RunReport report, Location reportPath, int exitCode, String error,
                                   Consumer<Configuration> metrics) {
        Configuration conf = HadoopConfs.from(config);
        report.finish(exitCode, error, Instant.now());
        try {
            report.write(new RoutingObjectStore(conf), reportPath);
            System.out.println("run report: " + reportPath.serviceUri());
        } catch (RuntimeException e) {
            System.err.println("warning: could not write the run report to " + reportPath + ": " + e.getMessage());
        }
        metrics.accept(conf);
    }
}
