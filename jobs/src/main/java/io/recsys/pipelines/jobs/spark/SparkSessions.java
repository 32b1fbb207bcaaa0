package io.recsys.pipelines.jobs.spark;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.config.HadoopConfs;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/** Builds the one SparkSession of a run, with the settings every job relies on. */
public final class SparkSessions {
    private static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";

    /**
     * Tasks per core of a local run's stages whose task count Spark derives from its default parallelism
     * (input splits, AQE's coalesced shuffles, the table commits): with one task per core, the slowest
     * task of every stage leaves the other cores idle until it ends; with a few per core, cores that
     * finish early take the rest (measured on 2 cores, a single pair's 4M-event day: 5 stages in which one
     * task held most of the time before, none after; docs/performance.md). On a cluster, set spark.default.parallelism
     * to 2-3 times the executors' cores for the same effect.
     */
    static final int TASKS_PER_CORE = 3;

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

    /** Sessions opened by commands in this JVM: lets tests prove that a usage error never reached Spark. */
    private static final java.util.concurrent.atomic.AtomicInteger OPENED = new java.util.concurrent.atomic.AtomicInteger();

    public static int openedCount() {
        return OPENED.get();
    }

    public static RunSession open(String appName, PipelineConfig config) {
        OPENED.incrementAndGet();
        boolean existed = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        return new RunSession(create(appName, config), !existed);
    }

    public static SparkSession create(String appName, PipelineConfig config) {
        pinUtc();
        SparkConf conf = new SparkConf().setAppName(appName);
        // spark-submit sets spark.master; a plain `java` run (the local wrapper, tests) gets local[*].
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        for (Map.Entry<String, String> e : config.sparkSettings().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        // In the SparkConf, so that whatever the context opens while starting (an event log on S3) uses them.
        HadoopConfs.settings(config).forEach((key, value) -> conf.set("spark.hadoop." + key, value));
        applyRequired(conf);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        // And on the live Hadoop configuration: an existing session (tests share one) ignores the
        // spark.hadoop.* of a new builder, and may cache filesystems built from another run's settings.
        Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
        HadoopConfs.apply(config, hadoopConf);
        HadoopConfs.closeStaleFileSystems(config, hadoopConf);
        return spark;
    }

    /**
     * The driver's JVM in UTC, whatever the host's zone. Delta (4.1) reconstructs a table's whole state
     * on every commit when the session, the JVM default or user.timezone is not UTC, to guard its
     * incremental state against zone bugs; the days here are UTC days anyway, so nothing else changes.
     * Executors get -Duser.timezone=UTC ({@link #applyRequired}).
     */
    static void pinUtc() {
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        System.setProperty("user.timezone", "UTC");
    }

    /** Settings the jobs' correctness depends on; user settings cannot turn them off. */
    public static void applyRequired(SparkConf conf) {
        // Days are UTC days (contract 1.1); to_date and partition values must not follow the host zone.
        conf.set("spark.sql.session.timeZone", "UTC");
        String executorOptions = conf.get("spark.executor.extraJavaOptions", "");
        if (!executorOptions.contains("-Duser.timezone=")) {
            conf.set("spark.executor.extraJavaOptions", (executorOptions + " -Duser.timezone=UTC").trim());
        }
        // The canonical store and the daily aggregates are Delta tables (atomic replaceWhere commits, time travel).
        // Another extension a user configured is kept; Delta's is added to it.
        String extensions = conf.get("spark.sql.extensions", "");
        if (!extensions.contains(DELTA_EXTENSION)) {
            conf.set("spark.sql.extensions", extensions.isBlank() ? DELTA_EXTENSION : extensions + "," + DELTA_EXTENSION);
        }
        conf.set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        // Delta's default s3a log store is safe for one writing driver only; this one makes every commit a
        // create-only PUT, so concurrent drivers of disjoint pairs both commit and none is lost. An operator
        // may name another (S3DynamoDBLogStore).
        conf.setIfMissing("spark.delta.logStore.s3a.impl", ConditionalPutLogStore.class.getName());
        // Reads filter on the partition columns only, so per-file column statistics would never skip a file;
        // not collecting them saves a pass of min/max/null counting over every written row (new tables only).
        conf.setIfMissing("spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols", "0");
        // Every replaceWhere commits, also one that adds and removes nothing (a day without outcomes replaced
        // by a day without outcomes): Delta skips such commits by default, and then the version a run
        // records for its lineage and time travel would not exist (measured: exit 1 on an empty outcome file).
        conf.set("spark.databricks.delta.skipRecordingEmptyCommits", "false");
        // A partitioned Parquet Overwrite must never wipe a whole folder: dynamic mode replaces only the partitions
        // written (the Delta tables say what they replace with replaceWhere and do not depend on it).
        conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic");
        // Outputs are committed by the committer of their filesystem's scheme: the S3A magic committer on
        // s3a:// (no rename, nothing visible before the job commits), the classic FileOutputCommitter on
        // file:// and hdfs:// as before. Set always, so one session serves local and S3 runs alike.
        conf.set("spark.sql.sources.commitProtocolClass", "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol");
        conf.set("spark.sql.parquet.output.committer.class",
                "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter");
        conf.setIfMissing("spark.hadoop.fs.s3a.committer.name", "magic");
        conf.setIfMissing("spark.sql.adaptive.enabled", "true");
        conf.setIfMissing("spark.sql.adaptive.coalescePartitions.enabled", "true");
        // Lets AQE coalesce the shuffle partitions of persisted plans too (cooc's session item sets):
        // otherwise every later job over them runs spark.sql.shuffle.partitions tiny tasks, each writing
        // that many shuffle files (measured: 120 s instead of seconds for cooc on 100k events).
        conf.setIfMissing("spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", "true");
        // The "fast" first-level aggregation map holds 65,536 keys; past that every row probes it in vain
        // before the real map. Dedupe and per-item counts have millions of keys (measured: -20% CPU).
        conf.setIfMissing("spark.sql.codegen.aggregate.map.twolevel.enabled", "false");
        if (conf.get("spark.master", "").startsWith("local")) {
            // One machine: more shuffle partitions than a few per core add tasks and shuffle files, not
            // parallelism (measured on 2 cores: the build stage 20% faster with 8 than with 200).
            conf.setIfMissing("spark.sql.shuffle.partitions", String.valueOf(4 * Runtime.getRuntime().availableProcessors()));
            conf.setIfMissing("spark.default.parallelism", String.valueOf(TASKS_PER_CORE * localCores(conf.get("spark.master"))));
            // No web UI for a laptop run or a test JVM; on a cluster the UI (and the event log the cluster's
            // spark-defaults enable for its history server) is how an operator sees a slow stage.
            conf.setIfMissing("spark.ui.enabled", "false");
            // Delta rebuilds a table's state (its file list) in 50 tasks by default, at every new version read;
            // the logs here are small, and 50 tasks per read were a third of a 2M-event run's stage time (measured).
            conf.setIfMissing("spark.databricks.delta.snapshotPartitions", String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
        // Spark's UI, event log and errors redact settings whose key matches; its default misses SSE-C and Azure keys.
        conf.setIfMissing("spark.redaction.regex", io.recsys.pipelines.common.text.Secrets.SPARK_REDACTION_REGEX);
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.sql.parquet.compression.codec", "zstd");
        // No _SUCCESS-less partial folders are read as data; Spark writes _SUCCESS by default.
        conf.setIfMissing("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "true");
    }

    /** The task threads of a local master: local, local[N], local[*], local[N, F], local[*, F]. */
    static int localCores(String master) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("local(?:\\[(\\*|\\d+)(?:\\s*,\\s*\\d+)?])?").matcher(master.trim());
        if (!m.matches() || m.group(1) == null) {
            return 1;
        }
        return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Math.max(1, Integer.parseInt(m.group(1)));
    }
}
