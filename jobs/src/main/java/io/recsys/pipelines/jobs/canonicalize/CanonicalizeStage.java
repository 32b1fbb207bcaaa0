package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.storage.StorageFailures;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.input.InputResolver;
import io.recsys.pipelines.jobs.input.ResolvedInput;
import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.jobs.storage.CommittedWrites;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Raw JSONL to the canonical store (contract 1-2), in one pass over the raw lines: each line is
 * parsed and validated once and staged (as Parquet, under the run's own staging folder) with its
 * status; the counts that decide the reject budget come from a scan of a few staged columns; only
 * within budget are the staged events deduplicated and committed, one Delta commit per stream,
 * replacing the run's days in scope. Over budget, the staging folder is deleted and no table
 * changes: nothing of the run ever becomes visible.
 */
public final class CanonicalizeStage {
    /** Reasons named in a budget failure before "and N more". */
    static final int MAX_NAMED_REASONS = 12;

    private final SparkSession spark;
    private final PipelineConfig config;
    private final CanonicalStore store;
    private final String runId;
    private final Consumer<Result> progress;

    public CanonicalizeStage(SparkSession spark, PipelineConfig config, CanonicalStore store) {
        this(spark, config, store, "stage-" + UUID.randomUUID(), r -> { });
    }

    /** @param progress told what the stage has reached (inputs, counts), also when it fails afterwards */
    public CanonicalizeStage(SparkSession spark, PipelineConfig config, CanonicalStore store, String runId,
                             Consumer<Result> progress) {
        this.spark = spark;
        this.config = config;
        this.store = store;
        this.runId = runId;
        this.progress = progress;
    }

    /**
     * What to canonicalize: {@code required} days always (their input must exist), and {@code optional}
     * days (a window's days missing from the store) when the input holds them. Optional days the input
     * does not hold are missing: the run stops (exit 3) unless {@code allowPartial}.
     */
    public record Request(SortedSet<LocalDate> required, SortedSet<LocalDate> optional, PairFilter scope,
                          boolean allowPartial) {
        public static Request of(DateWindow window, PairFilter scope) {
            return new Request(new TreeSet<>(window.days()), new TreeSet<>(), scope, false);
        }
    }

    /**
     * What one run read and wrote per stream (outcomes absent when there is no outcome stream);
     * {@code days} were committed, {@code missing} were wanted and found nowhere; {@code versions}
     * are the Delta versions the run committed, per stream (empty until committed).
     */
    public record Result(Map<EventType, ResolvedInput> inputs, Map<EventType, StreamCounts> counts,
                         SortedSet<LocalDate> days, SortedSet<LocalDate> missing, Map<EventType, Long> versions) {
        /** A snapshot: the stage goes on changing its own maps and sets, never this result's. */
        public Result {
            inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
            days = Collections.unmodifiableSortedSet(new TreeSet<>(days));
            missing = Collections.unmodifiableSortedSet(new TreeSet<>(missing));
            versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        }

        public StreamCounts exposures() {
            return counts.get(EventType.EXPOSURE);
        }
    }

    public Result run(DateWindow window, PairFilter scope) {
        return run(Request.of(window, scope));
    }

    public Result run(Request request) {
        InputResolver resolver = new InputResolver(spark.sparkContext().hadoopConfiguration());
        SortedSet<LocalDate> missing = new TreeSet<>();
        SortedSet<LocalDate> days = new TreeSet<>(request.required());
        for (LocalDate day : request.optional()) {
            boolean has = resolver.hasFilesFor(config.input().exposures(), day)
                    && (!config.input().hasOutcomes() || resolver.hasFilesFor(config.input().outcomes(), day));
            (has ? days : missing).add(day);
        }
        if (!missing.isEmpty() && !request.allowPartial()) {
            throw missingDays(missing, request.scope());
        }
        Map<EventType, ResolvedInput> inputs = new LinkedHashMap<>();
        inputs.put(EventType.EXPOSURE, resolver.resolve("exposures", config.input().exposures(), days));
        if (config.input().hasOutcomes()) {
            inputs.put(EventType.OUTCOME, resolver.resolve("outcomes", config.input().outcomes(), days));
        }
        DateWindow span = new DateWindow(days.first(), days.last());
        Map<EventType, StreamCounts> counts = new LinkedHashMap<>();
        Map<EventType, Long> versions = new LinkedHashMap<>();
        progress.accept(new Result(inputs, counts, days, missing, versions));
        try {
            Map<EventType, Dataset<Row>> staged = new LinkedHashMap<>();
            for (Map.Entry<EventType, ResolvedInput> input : inputs.entrySet()) {
                EventType type = input.getKey();
                staged.put(type, stage(type, input.getValue(), days, request.scope()));
                counts.put(type, StreamCounts.fromRows(Canonicalizer.counts(staged.get(type)).collectAsList()));
                progress.accept(new Result(inputs, counts, days, missing, versions));
            }
            for (EventType type : staged.keySet()) {
                writeRejects(type, staged.get(type), counts.get(type), span);
            }
            checkBudget(counts, span);
            for (LocalDate day : request.optional()) {
                if (days.contains(day) && counts.get(EventType.EXPOSURE).eventsOn(day) == 0) {
                    missing.add(day);
                }
            }
            days.removeAll(missing);
            if (!missing.isEmpty() && !request.allowPartial()) {
                throw missingDays(missing, request.scope());
            }
            checkSomethingAccepted(counts, span, request.scope());
            for (EventType type : staged.keySet()) {
                Committed committed = commit(type, staged.get(type), days, request.scope());
                versions.put(type, committed.version());
                counts.put(type, counts.get(type).withWritten(committed.rows()));
                progress.accept(new Result(inputs, counts, days, missing, versions));
            }
            return new Result(inputs, counts, days, missing, versions);
        } finally {
            try {
                store.deleteFolder(store.stagingFolder(runId, EventType.EXPOSURE).getParent());
            } catch (RuntimeException e) {
                // Never hides the run's own outcome; `table vacuum` removes what is left.
                org.slf4j.LoggerFactory.getLogger("recsys.pipelines").warn("[canonicalize] could not delete the staging "
                        + "folder {}: {}", store.stagingFolder(runId, EventType.EXPOSURE).getParent(), e.getMessage());
            }
        }
    }

    /** The input's raw lines as (value, source_file), the input of {@link Canonicalizer#parse}. */
    public static Dataset<Row> readLines(SparkSession spark, ResolvedInput input) {
        return spark.read().text(input.files().toArray(String[]::new))
                .select(col("value"), col("_metadata.file_path").as(ParsedEvents.SOURCE_FILE));
    }

    /** Parses every line once and stages it; the staged rows are read back with their own schema. */
    private Dataset<Row> stage(EventType type, ResolvedInput input, SortedSet<LocalDate> days, PairFilter scope) {
        Path folder = store.stagingFolder(runId, type);
        Dataset<Row> staged = Canonicalizer.staged(
                Canonicalizer.classify(Canonicalizer.parse(readLines(spark, input), type, config.identifiers()), days, scope), type);
        StructType schema = staged.schema();
        // Snappy, not the tables' zstd: staged files live for one run and are read once, so encoding
        // speed matters more than their size.
        CommittedWrites.run(spark, folder, () -> staged.write().mode(SaveMode.Overwrite).option("compression", "snappy")
                .parquet(folder.toString()));
        return spark.read().schema(schema).parquet(folder.toString());
    }

    /** Quarantine is written even when the budget fails: the operator needs to see why. */
    private void writeRejects(EventType type, Dataset<Row> staged, StreamCounts counts, DateWindow span) {
        Path folder = store.rejectsFolder(type, span);
        if (counts.rejected() == 0) {
            store.deleteFolder(folder);
            return;
        }
        CommittedWrites.run(spark, folder,
                () -> Canonicalizer.rejects(staged).coalesce(1).write().mode(SaveMode.Overwrite).json(folder.toString()));
    }

    private void checkBudget(Map<EventType, StreamCounts> counts, DateWindow span) {
        double max = config.limits().maxRejectRatio();
        List<String> over = new ArrayList<>();
        for (Map.Entry<EventType, StreamCounts> e : counts.entrySet()) {
            StreamCounts c = e.getValue();
            if (c.rejectRatio() > max) {
                over.add(String.format(java.util.Locale.ROOT, "%s: %d of %d lines rejected (%.2f%%; %s), rejects in %s",
                        streamName(e.getKey()), c.rejected(), c.linesRead(), 100.0 * c.rejectRatio(),
                        reasons(c), store.rejectsFolder(e.getKey(), span)));
            }
        }
        if (!over.isEmpty()) {
            throw PipelineException.inputRejected("reject budget exceeded (limits.max_reject_ratio = " + max + "): "
                    + String.join("; ", over) + ". Nothing was written to the canonical store and nothing was published.");
        }
    }

    private static void checkSomethingAccepted(Map<EventType, StreamCounts> counts, DateWindow span, PairFilter scope) {
        if (counts.get(EventType.EXPOSURE).accepted() == 0) {
            throw PipelineException.inputRejected("no valid exposure events for " + scope + " in window " + span
                    + " (read " + counts.get(EventType.EXPOSURE).linesRead() + " lines); refusing to publish empty artifacts.");
        }
    }

    /** Every reason with its count, most frequent first; past {@link #MAX_NAMED_REASONS}, how many more. */
    static String reasons(StreamCounts c) {
        List<Map.Entry<String, Long>> sorted = c.rejectedByReason().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        List<String> named = new ArrayList<>();
        for (Map.Entry<String, Long> e : sorted.subList(0, Math.min(MAX_NAMED_REASONS, sorted.size()))) {
            named.add(e.getKey() + "=" + e.getValue());
        }
        String text = String.join(", ", named);
        int more = sorted.size() - named.size();
        return more > 0 ? text + " and " + more + " more reason" + (more > 1 ? "s" : "") + " (see the run report)" : text;
    }

    private PipelineException missingDays(SortedSet<LocalDate> missing, PairFilter scope) {
        return PipelineException.inputRejected("the window needs day(s) " + missing + " that are neither in the canonical "
                + "store (for " + scope + ") nor in the input (" + config.input().exposures() + "): an artifact over a "
                + "partial window would silently count less. Provide the input for those days, or run with "
                + "--allow-partial-window to build from the days present (the missing days are then recorded in the "
                + "run report and the history entry).");
    }

    /** A stream's commit: the table version it made and the rows it wrote (after dedupe). */
    private record Committed(long version, long rows) {
    }

    private Committed commit(EventType type, Dataset<Row> staged, SortedSet<LocalDate> days, PairFilter scope) {
        Observation written = new Observation("written_" + streamName(type));
        Dataset<Row> canonical = Canonicalizer.forCommit(staged.filter(col("dt").isin(
                        days.stream().map(d -> lit(java.sql.Date.valueOf(d))).toArray())), type, config.dedupe(),
                        partitions(store.stagingFolder(runId, type)))
                .observe(written, count(lit(1)).as("rows"));
        long version = store.table(type).replaceDays(canonical, days, scope,
                "run=" + runId + " canonicalize " + streamName(type) + " days=" + days + " scope=" + scope);
        return new Committed(version, observedRows(written));
    }

    /**
     * Tasks of the commit: enough for files of about tables.target_file_mb (staged Parquet is about the
     * size of the canonical Parquet), and at least Spark's default parallelism (a few tasks per core in a
     * local run, {@code SparkSessions.TASKS_PER_CORE}), so a single pair's day keeps every core busy.
     */
    private int partitions(Path staged) {
        long bytes;
        try {
            bytes = staged.getFileSystem(spark.sparkContext().hadoopConfiguration()).getContentSummary(staged).getLength();
        } catch (IOException e) {
            throw StorageFailures.of("measure", staged, spark.sparkContext().hadoopConfiguration(), e);
        }
        long bySize = (bytes + config.tables().targetFileBytes() - 1) / config.tables().targetFileBytes();
        return (int) Math.max(spark.sparkContext().defaultParallelism(), Math.min(bySize, 100_000));
    }

    private static long observedRows(Observation observation) {
        try {
            return ((Number) observation.getAsJava().get("rows")).longValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the write's row count", e);
        }
    }

    public static String streamName(EventType type) {
        return type == EventType.EXPOSURE ? "exposures" : "outcomes";
    }
}
