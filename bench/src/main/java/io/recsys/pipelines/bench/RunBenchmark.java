package io.recsys.pipelines.bench;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.jobs.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One daily run, end to end, in one JVM whose driver is this process: the unit of the strong
 * scaling runs (the same run on one data set at local[1], local[2] and on a standalone cluster
 * with 1 and 2 executors; only spark.master and the executor settings differ) and of the
 * many-pairs run (the driver's memory). A warm-up run on a small set of the same shape first, so
 * that code generation and JIT are not charged to the timed run; Spark's event log of the timed
 * run gives the per-stage task skew.
 */
final class RunBenchmark {
    private static final java.time.Duration EXECUTOR_WAIT = java.time.Duration.ofSeconds(180);
    private final Path work;
    private final String label;
    private final DataSet data;
    private final DataSet warmData;
    private final String kinds;
    private final List<String> userSettings;

    /** {@code warmData} null: no warm-up. */
    RunBenchmark(Path work, String label, DataSet data, DataSet warmData, String kinds, List<String> userSettings) {
        this.work = work;
        this.label = label;
        this.data = data;
        this.warmData = warmData;
        this.kinds = kinds;
        this.userSettings = userSettings;
    }

    Map<String, Object> run(double jvmStartSeconds) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", label);
        out.put("kinds", kinds);
        out.put("load_average_before", Machine.loadAverage());
        out.put("dataset", data.describe());
        Path runs = work.resolve("runs").resolve(slug(label));
        Path eventLog = work.resolve("events").resolve(slug(label));
        SizeBenchmark.deleteRecursively(runs);
        SizeBenchmark.deleteRecursively(eventLog);
        Files.createDirectories(eventLog);

        Clock clock = Clock.start();
        SparkSession spark = SparkSessions.create("recsys-pipelines bench " + label,
                ConfigLoader.load(null, withEventLog(userSettings, eventLog)));
        double sparkStart = clock.lap().seconds();
        long since;
        Clock.Lap lap;
        String failure = null;
        try {
            out.put("master", spark.sparkContext().master());
            // On a cluster, executors register after the session starts: the timed run must not
            // pay for their JVMs' start (nor run with fewer executors than its label says).
            out.put("executor_wait_seconds", Json.round(awaitExecutors(spark)));
            out.put("default_parallelism", spark.sparkContext().defaultParallelism());
            clock = Clock.start();
            if (warmData != null) {
                new Steps(spark, warmData, userSettings).dailyRun(runs.resolve("warmup"), kinds);
            }
            double warmUp = clock.lap().seconds();
            out.put("fixed_seconds", Map.of("jvm_start_to_main", Json.round(jvmStartSeconds),
                    "spark_session_start", Json.round(sparkStart), "warm_up", Json.round(warmUp)));
            since = System.currentTimeMillis();
            clock = Clock.start();
            try {
                new Steps(spark, data, userSettings).dailyRun(runs.resolve("timed"), kinds);
            } catch (RuntimeException e) {
                failure = e.getMessage();
            }
            lap = clock.lap();
            // Executors other than the driver at the end of the run: none in local mode.
            out.put("executors", executors(spark));
            out.put("spark_settings", SizeBenchmark.sparkSettings(spark));
        } finally {
            // Stopping the context completes the event log (an in-progress log may lack the last stages).
            spark.stop();
        }
        long lines = data.exposureLines() + data.outcomeLines();
        out.put("finished", failure == null);
        if (failure != null) {
            out.put("failure", failure);
        }
        out.put("events", lines);
        out.put("seconds", Json.round(lap.seconds()));
        out.put("seconds_per_million", Json.round(lap.seconds() / (lines / 1e6)));
        // This process only: on a cluster the executors' CPU is in their own JVMs.
        out.put("driver_cpu_seconds", Json.round(lap.cpuSeconds()));
        // The CPUs this JVM may run on (its affinity: bench.sh confines local[N] to N of them).
        out.put("cpus", Runtime.getRuntime().availableProcessors());
        out.put("collector", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).collect(java.util.stream.Collectors.joining(", ")));
        out.put("published_pairs", publishedPairs(runs.resolve("timed/registry/current")));
        if (failure == null) {
            out.put("run_stages", RunStages.read(runs.resolve("timed/reports")));
        }
        out.put("heap", heap());
        out.put("task_skew", TaskSkew.summary(TaskSkew.read(eventLog, since)));
        out.put("load_average_after", Machine.loadAverage());
        return out;
    }

    private static int executors(SparkSession spark) {
        return spark.sparkContext().statusTracker().getExecutorInfos().length - 1;
    }

    /**
     * Waits (at most {@link #EXECUTOR_WAIT}) until spark.cores.max / spark.executor.cores executors
     * have registered; returns the seconds waited. Nothing to wait for in local mode.
     */
    private static double awaitExecutors(SparkSession spark) throws InterruptedException {
        org.apache.spark.SparkConf conf = spark.sparkContext().getConf();
        if (!spark.sparkContext().master().startsWith("spark://") || !conf.contains("spark.cores.max")) {
            return 0;
        }
        int expected = conf.getInt("spark.cores.max", 1) / conf.getInt("spark.executor.cores", 1);
        long start = System.nanoTime();
        while (executors(spark) < expected) {
            if (System.nanoTime() - start > EXECUTOR_WAIT.toNanos()) {
                throw new IllegalStateException(executors(spark) + " of " + expected + " executors registered within "
                        + EXECUTOR_WAIT.toSeconds() + " s (see the cluster's logs)");
            }
            Thread.sleep(200);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The settings of the session: the user's, plus an uncompressed event log in its own folder. */
    static List<String> withEventLog(List<String> settings, Path eventLog) {
        List<String> all = new ArrayList<>(List.of("spark.eventLog.enabled=true",
                "spark.eventLog.dir=" + eventLog.toAbsolutePath().toUri(), "spark.eventLog.compress=false"));
        all.addAll(settings);
        return all;
    }

    /** The heap limit and an upper bound of the peak heap use (the sum of each pool's own peak). */
    private static Map<String, Object> heap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("max_mib", Runtime.getRuntime().maxMemory() >> 20);
        h.put("peak_used_mib_upper_bound", peak >> 20);
        return h;
    }

    private static long publishedPairs(Path current) throws IOException {
        if (!Files.isDirectory(current)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(current)) {
            return files.filter(p -> p.getFileName().toString().equals("manifest.json")).count();
        }
    }

    static String slug(String label) {
        return label.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
