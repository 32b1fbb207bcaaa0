package io.recsys.pipelines.bench;

import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.jobs.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Measures one data size in one JVM: fixed costs first (JVM start, SparkSession, a warm-up on a
 * small data set so that code generation and JIT are not charged to whichever step runs first),
 * then steps (a) to (d) on the same files, then checks that (c) and (d) agree.
 */
final class SizeBenchmark {
    /** Enough for every Spark job shape of the steps to be compiled once; small enough to cost seconds. */
    static final long WARMUP_EVENTS = 50_000;
    /** Settings shown in the report with their values in force, whether set or default. */
    private static final List<String> SPARK_KEYS = List.of("spark.master", "spark.sql.shuffle.partitions",
            "spark.sql.adaptive.enabled", "spark.sql.adaptive.coalescePartitions.enabled",
            "spark.sql.adaptive.advisoryPartitionSizeInBytes", "spark.sql.files.maxPartitionBytes",
            "spark.sql.parquet.compression.codec", "spark.serializer", "spark.memory.fraction");

    private final Path work;
    private final long events;
    private final int days;
    private final long warmupEvents;
    private final List<String> userSettings;
    /** Epoch milliseconds around step (b). */
    private long dailyRunStart;
    private long dailyRunEnd;

    SizeBenchmark(Path work, long events, int days, long warmupEvents, List<String> userSettings) {
        this.work = work;
        this.events = events;
        this.days = days;
        this.warmupEvents = warmupEvents;
        this.userSettings = userSettings;
    }

    Map<String, Object> run(double jvmStartSeconds) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("load_average_before", Machine.loadAverage());
        DataSet data = DataSet.ensure(work.resolve("data"), events, days);
        DataSet warmData = warmupEvents > 0 ? DataSet.ensure(work.resolve("data"), warmupEvents, 1) : null;
        Path runs = work.resolve("runs").resolve(data.dir().getFileName());
        Path eventLog = work.resolve("events").resolve(data.dir().getFileName());
        deleteRecursively(runs);
        deleteRecursively(eventLog);
        Files.createDirectories(eventLog);

        Clock clock = Clock.start();
        SparkSession spark = SparkSessions.create("recsys-pipelines bench",
                ConfigLoader.load(null, RunBenchmark.withEventLog(userSettings, eventLog)));
        double sparkStart = clock.lap().seconds();
        try {
            clock = Clock.start();
            try (DuckDbPopularity duckdb = new DuckDbPopularity()) {
                out.put("duckdb", Map.of("version", duckdb.version(), "threads", duckdb.threads()));
                double duckdbLoad = clock.lap().seconds();
                clock = Clock.start();
                if (warmData != null) {
                    warmUp(new Steps(spark, warmData, userSettings), duckdb, runs.resolve("warmup"));
                }
                double warmUp = clock.lap().seconds();
                out.put("fixed_seconds", Map.of("jvm_start_to_main", Json.round(jvmStartSeconds),
                        "spark_session_start", Json.round(sparkStart), "duckdb_load", Json.round(duckdbLoad),
                        "warm_up", Json.round(warmUp)));
                out.put("dataset", data.describe());
                out.put("steps", measure(new Steps(spark, data, userSettings), duckdb, data, runs, out));
            }
            out.put("spark_settings", sparkSettings(spark));
        } finally {
            // Stopping the context completes the event log.
            spark.stop();
        }
        // The stages of (b) alone, picked from the event log by its time window.
        out.put("daily_run_task_skew", TaskSkew.summary(TaskSkew.read(eventLog, dailyRunStart).stream()
                .filter(stage -> stage.submittedAt() < dailyRunEnd).toList()));
        out.put("load_average_after", Machine.loadAverage());
        return out;
    }

    private static void warmUp(Steps steps, DuckDbPopularity duckdb, Path dir) throws Exception {
        steps.canonicalize(dir.resolve("a"));
        steps.dailyRun(dir.resolve("b"));
        steps.sparkPopularity(dir.resolve("c"));
        steps.duckDbPopularity(duckdb, dir.resolve("d"));
    }

    private Map<String, Object> measure(Steps steps, DuckDbPopularity duckdb, DataSet data, Path runs,
                                               Map<String, Object> out) throws Exception {
        long allLines = data.exposureLines() + data.outcomeLines();
        long allBytes = data.exposureBytes() + data.outcomeBytes();
        Map<String, Object> results = new LinkedHashMap<>();

        Clock clock = Clock.start();
        steps.canonicalize(runs.resolve("a"));
        results.put("canonicalize", step("(a) canonicalize", allLines, allBytes, clock.lap()));

        clock = Clock.start();
        dailyRunStart = System.currentTimeMillis();
        steps.dailyRun(runs.resolve("b"));
        results.put("daily_run", step("(b) daily run: popularity + cooc", allLines, allBytes, clock.lap()));
        dailyRunEnd = System.currentTimeMillis();
        out.put("daily_run_stages", RunStages.read(runs.resolve("b/reports")));

        clock = Clock.start();
        Map<TenantSurface, List<ItemCount>> spark = steps.sparkPopularity(runs.resolve("c"));
        Clock.Lap sparkLap = clock.lap();
        results.put("popularity_spark", step("(c) popularity from raw, Spark", data.exposureLines(),
                data.exposureBytes(), sparkLap));

        clock = Clock.start();
        Map<TenantSurface, List<ItemCount>> duck = steps.duckDbPopularity(duckdb, runs.resolve("d"));
        Clock.Lap duckLap = clock.lap();
        results.put("popularity_duckdb", step("(d) popularity from raw, DuckDB", data.exposureLines(),
                data.exposureBytes(), duckLap));

        out.put("ratio_c_over_d", Json.round(sparkLap.seconds() / duckLap.seconds()));
        out.put("agreement_c_d", Agreement.compare(spark, duck));
        return results;
    }

    private static Map<String, Object> step(String label, long lines, long bytes, Clock.Lap lap) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("label", label);
        s.put("events", lines);
        s.put("bytes", bytes);
        s.put("seconds", Json.round(lap.seconds()));
        s.put("events_per_second", Math.round(lines / lap.seconds()));
        s.put("seconds_per_million", Json.round(lap.seconds() / (lines / 1e6)));
        s.put("cpu_seconds", Json.round(lap.cpuSeconds()));
        return s;
    }

    static Map<String, String> sparkSettings(SparkSession spark) {
        Map<String, String> settings = new TreeMap<>();
        for (scala.Tuple2<String, String> kv : spark.sparkContext().getConf().getAll()) {
            if (kv._1().startsWith("spark.sql.") || kv._1().startsWith("spark.memory.")) {
                settings.put(kv._1(), kv._2());
            }
        }
        for (String key : SPARK_KEYS) {
            settings.put(key, spark.conf().getOption(key).getOrElse(() -> spark.sparkContext().getConf().get(key, "(default)")));
        }
        settings.put("driver max heap (-Xmx)", (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        return settings;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
