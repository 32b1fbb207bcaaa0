package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.storage.StorageFailures;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.input.InputResolver;
import io.recsys.pipelines.jobs.input.ResolvedInput;
import io.recsys.pipelines.jobs.lines.RawLines;
import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.jobs.storage.CommittedWrites;
import io.recsys.pipelines.jobs.storage.PartitionedTable;
import io.recsys.pipelines.jobs.storage.ReplacedPartitions;
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
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Raw JSONL to the canonical store (contract 1-2), in one pass over the raw lines: each line is
 * parsed and validated once and staged (as Parquet, under the run's own staging folder) with its
 * status; the counts that decide the reject budgets come from a scan of a few staged columns. The
 * (tenant, surface) is the unit of ownership: each pair has its own budget (a pair over it commits
 * nothing, the others go on), and a commit replaces only the partitions the run owns
 * ({@link ReplacedPartitions}): by default each pair's days its input holds, so another pair's day
 * is never deleted by an input that does not hold it. Lines that name no pair have a run-level budget,
 * which alone stops the whole run; then the staging folder is deleted and no table changes.
 */
public final class CanonicalizeStage {
    /** Reasons named in a budget failure before "and N more". */
    static final int MAX_NAMED_REASONS = 12;

    private final SparkSession spark;
    private final PipelineConfig config;
    private final CanonicalStore store;
    private final CanonicalStore stored;
    private final String runId;
    private final Consumer<Result> progress;

    public CanonicalizeStage(SparkSession spark, PipelineConfig config, CanonicalStore store) {
        this(spark, config, store, store, "stage-" + UUID.randomUUID(), r -> { });
    }

    /**
     * @param store    where the run writes (a dry run's scratch store)
     * @param stored   the store whose pairs the run keeps or replaces (the real one, in a dry run too)
     * @param progress told what the stage has reached (inputs, counts), also when it fails afterwards
     */
    public CanonicalizeStage(SparkSession spark, PipelineConfig config, CanonicalStore store, CanonicalStore stored,
                             String runId, Consumer<Result> progress) {
        this.spark = spark;
        this.config = config;
        this.store = store;
        this.stored = stored;
        this.runId = runId;
        this.progress = progress;
    }

    /**
     * What to canonicalize: {@code required} days always (their input must exist), and {@code optional}
     * days (a window's days missing from the store) when the input holds them. Optional days the input
     * does not hold are missing: the run stops (exit 3) unless {@code allowPartial}.
     */
    public record Request(SortedSet<LocalDate> required, SortedSet<LocalDate> optional, PairFilter scope,
                          boolean allowPartial, boolean replaceWholeDays) {
        public static Request of(DateWindow window, PairFilter scope) {
            return new Request(new TreeSet<>(window.days()), new TreeSet<>(), scope, false, false);
        }

        /** An explicit scope owns its whole days, as does {@code --replace-whole-days}. */
        boolean ownsWholeDays() {
            return replaceWholeDays || scope.tenant() != null || scope.surface() != null;
        }
    }

    /**
     * What one run read and wrote per stream (outcomes absent when there is no outcome stream);
     * {@code days} were committed, {@code missing} were wanted and found nowhere; {@code versions}
     * are the Delta versions the run committed, per stream (empty until committed). {@code replaced}
     * are the partitions the commits replaced (empty until decided); {@code refused} the pairs over
     * their reject budget, each with why (they commit and publish nothing); {@code kept} the pairs
     * stored on some of the run's days that this input does not hold, with those days (left as they were).
     */
    public record Result(Map<EventType, ResolvedInput> inputs, Map<EventType, StreamCounts> counts,
                         SortedSet<LocalDate> days, SortedSet<LocalDate> missing, Map<EventType, Long> versions,
                         ReplacedPartitions replaced, Map<TenantSurface, String> refused,
                         Map<TenantSurface, SortedSet<LocalDate>> kept) {
        /** A snapshot: the stage goes on changing its own maps and sets, never this result's. */
        public Result {
            inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
            days = Collections.unmodifiableSortedSet(new TreeSet<>(days));
            missing = Collections.unmodifiableSortedSet(new TreeSet<>(missing));
            versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
            refused = Collections.unmodifiableMap(new TreeMap<>(refused));
            kept = Collections.unmodifiableMap(new TreeMap<>(kept));
        }

        public Result(Map<EventType, ResolvedInput> inputs, Map<EventType, StreamCounts> counts, SortedSet<LocalDate> days,
                      SortedSet<LocalDate> missing, Map<EventType, Long> versions) {
            this(inputs, counts, days, missing, versions, ReplacedPartitions.heldBy(Map.of(), Set.of()), Map.of(),
                    Map.of());
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
        Map<EventType, StreamCounts> counts = new LinkedHashMap<>();
        Map<EventType, Long> versions = new LinkedHashMap<>();
        progress.accept(new Result(inputs, counts, days, missing, versions));
        Path stagingRoot = store.stagingFolder(runId, EventType.EXPOSURE).getParent();
        try (StagingRecord alive = StagingRecord.start(stagingRoot, runId, spark.sparkContext().hadoopConfiguration())) {
            Map<EventType, Dataset<Row>> staged = new LinkedHashMap<>();
            for (Map.Entry<EventType, ResolvedInput> input : inputs.entrySet()) {
                EventType type = input.getKey();
                staged.put(type, stage(type, input.getValue(), days, request.scope()));
                counts.put(type, StreamCounts.fromRows(Canonicalizer.counts(staged.get(type)).collectAsList()));
                progress.accept(new Result(inputs, counts, days, missing, versions));
            }
            for (EventType type : staged.keySet()) {
                writeRejects(type, staged.get(type), counts.get(type));
            }
            checkUnattributed(counts);
            checkPairCount(counts, request.scope());
            for (LocalDate day : request.optional()) {
                if (days.contains(day) && counts.get(EventType.EXPOSURE).eventsOn(day) == 0) {
                    missing.add(day);
                }
            }
            days.removeAll(missing);
            if (!missing.isEmpty() && !request.allowPartial()) {
                throw missingDays(missing, request.scope());
            }
            checkSomethingAccepted(counts, days, request.scope());
            Map<TenantSurface, String> refused = PairBudgets.overBudget(counts, request.scope(),
                    config.limits().maxRejectRatio(), this::rejectsFolder);
            ReplacedPartitions replaced = replaced(request, days, counts, refused.keySet());
            progress.accept(new Result(inputs, counts, days, missing, versions, replaced, refused, Map.of()));
            if (replaced.isEmpty()) {
                throw PipelineException.inputRejected("every (tenant, surface) with events in " + request.scope()
                        + " is over its reject budget (limits.max_reject_ratio = " + config.limits().maxRejectRatio()
                        + "): " + String.join("; ", refused.values())
                        + ". Nothing was written to the canonical store and nothing was published.");
            }
            Map<TenantSurface, SortedSet<LocalDate>> kept = kept(days, request.scope(), replaced, refused.keySet());
            progress.accept(new Result(inputs, counts, days, missing, versions, replaced, refused, kept));
            for (EventType type : staged.keySet()) {
                Committed committed = commit(type, staged.get(type), replaced);
                versions.put(type, committed.version());
                counts.put(type, counts.get(type).withWritten(committed.rows(), refused.keySet()));
                progress.accept(new Result(inputs, counts, days, missing, versions, replaced, refused, kept));
            }
            return new Result(inputs, counts, days, missing, versions, replaced, refused, kept);
        } finally {
            try {
                store.deleteFolder(stagingRoot);
            } catch (RuntimeException e) {
                // Never hides the run's own outcome; `table vacuum` removes what is left.
                org.slf4j.LoggerFactory.getLogger("recsys.pipelines").warn("[canonicalize] could not delete the staging "
                        + "folder {}: {}", stagingRoot, e.getMessage());
            }
        }
    }

    /**
     * The partitions this run owns: per day, the pairs either stream holds events of (a pair's day is
     * replaced in both streams at once, so its exposures and outcomes never come from different runs),
     * or the whole days of the scope; never a refused pair's.
     */
    private static ReplacedPartitions replaced(Request request, SortedSet<LocalDate> days,
                                               Map<EventType, StreamCounts> counts, Set<TenantSurface> refused) {
        Map<LocalDate, Set<TenantSurface>> held = new TreeMap<>();
        for (StreamCounts c : counts.values()) {
            for (StreamCounts.DayPartition p : c.acceptedPartitions()) {
                if (days.contains(p.day())) {
                    held.computeIfAbsent(p.day(), d -> new TreeSet<>()).add(p.pair());
                }
            }
        }
        return request.ownsWholeDays() ? ReplacedPartitions.wholeDays(days, request.scope(), refused, held)
                : ReplacedPartitions.heldBy(held, refused);
    }

    /**
     * Pairs of the scope stored on the run's days that the commit leaves alone (their input is not in
     * this run): read from the table's partition columns, bounded by pairs x days.
     */
    private Map<TenantSurface, SortedSet<LocalDate>> kept(SortedSet<LocalDate> days, PairFilter scope,
                                                          ReplacedPartitions replaced, Set<TenantSurface> refused) {
        Map<TenantSurface, SortedSet<LocalDate>> kept = new TreeMap<>();
        PartitionedTable exposures = stored.table(EventType.EXPOSURE);
        for (Row row : exposures.readDays(days, scope, java.util.OptionalLong.empty())
                .select(col("tenant"), col("surface"), col("dt")).distinct().collectAsList()) {
            TenantSurface pair = new TenantSurface(row.getString(0), row.getString(1));
            LocalDate day = row.getDate(2).toLocalDate();
            if (!replaced.replaces(pair, day) && !refused.contains(pair)) {
                kept.computeIfAbsent(pair, p -> new TreeSet<>()).add(day);
            }
        }
        return kept;
    }

    /**
     * The input's raw lines, the input of {@link Canonicalizer#parse}: none held whole past
     * {@code limits.max_line_bytes}, a longer one marked ({@link RawLines}).
     */
    public static Dataset<Row> readLines(SparkSession spark, ResolvedInput input, PipelineConfig config) {
        return RawLines.read(spark, input.fileBytes(), config.limits().maxLineBytes());
    }

    /** Parses every line once and stages it; the staged rows are read back with their own schema. */
    private Dataset<Row> stage(EventType type, ResolvedInput input, SortedSet<LocalDate> days, PairFilter scope) {
        Path folder = store.stagingFolder(runId, type);
        Dataset<Row> staged = Canonicalizer.staged(
                Canonicalizer.classify(Canonicalizer.parse(readLines(spark, input, config), type, config.identifiers()), days, scope), type);
        StructType schema = staged.schema();
        // Snappy, not the tables' zstd: staged files live for one run and are read once, so encoding
        // speed matters more than their size.
        CommittedWrites.run(spark, folder, () -> staged.write().mode(SaveMode.Overwrite).option("compression", "snappy")
                .parquet(folder.toString()));
        return spark.read().schema(schema).parquet(folder.toString());
    }

    /**
     * Quarantine is written even when a budget fails: the operator needs to see why. Each run has its
     * own folder, partitioned by the lines' pair and day, so no run overwrites another's evidence and
     * access can follow the tenant; lines of no pair go to Hive's default partition.
     */
    private void writeRejects(EventType type, Dataset<Row> staged, StreamCounts counts) {
        if (counts.rejected() == 0) {
            return;
        }
        Path folder = rejectsFolder(type);
        CommittedWrites.run(spark, folder, () -> Canonicalizer.rejects(staged)
                .repartition(col("tenant"), col("surface"), col("dt"))
                .write().mode(SaveMode.ErrorIfExists).partitionBy("tenant", "surface", "dt").json(folder.toString()));
    }

    private Path rejectsFolder(EventType type) {
        return store.rejectsFolder(type, runId);
    }

    /** The run-level budget: lines that name no valid pair, which no pair's budget can hold. */
    private void checkUnattributed(Map<EventType, StreamCounts> counts) {
        double max = config.limits().maxUnattributedRatio();
        List<String> over = new ArrayList<>();
        for (Map.Entry<EventType, StreamCounts> e : counts.entrySet()) {
            StreamCounts c = e.getValue();
            if (c.unattributedRatio() > max) {
                over.add(String.format(java.util.Locale.ROOT, "%s: %d of %d lines name no valid tenant and surface "
                        + "(%.2f%%; %s), rejects in %s", streamName(e.getKey()), c.unattributed(), c.linesRead(),
                        100.0 * c.unattributedRatio(), reasons(c.unattributedByReason()), rejectsFolder(e.getKey())));
            }
        }
        if (!over.isEmpty()) {
            throw PipelineException.inputRejected("run-level reject budget exceeded (limits.max_unattributed_ratio = "
                    + max + "): " + String.join("; ", over)
                    + ". Nothing was written to the canonical store and nothing was published.");
        }
    }

    /** Before anything is committed: a run touches at most limits.max_pairs_per_run pairs. */
    private void checkPairCount(Map<EventType, StreamCounts> counts, PairFilter scope) {
        Set<TenantSurface> pairs = new TreeSet<>();
        counts.values().forEach(c -> c.linesByPair().keySet().stream().filter(scope::matches).forEach(pairs::add));
        int max = config.limits().maxPairsPerRun();
        if (pairs.size() > max) {
            throw new PipelineException(io.recsys.pipelines.common.errors.ExitCode.LIMIT_EXCEEDED, "the input names "
                    + pairs.size() + " (tenant, surface) pairs, more than limits.max_pairs_per_run = " + max
                    + ". Nothing was written. If these tenants are real, raise the limit; otherwise the input invents "
                    + "tenants (check its producer), or run per tenant with --tenant.");
        }
    }

    private static void checkSomethingAccepted(Map<EventType, StreamCounts> counts, SortedSet<LocalDate> days,
                                               PairFilter scope) {
        if (counts.get(EventType.EXPOSURE).accepted() == 0) {
            throw PipelineException.inputRejected("no valid exposure events for " + scope + " on " + days
                    + " (read " + counts.get(EventType.EXPOSURE).linesRead() + " lines); refusing to publish empty artifacts.");
        }
    }

    /** Every reason with its count, most frequent first; past {@link #MAX_NAMED_REASONS}, how many more. */
    static String reasons(Map<String, Long> byReason) {
        List<Map.Entry<String, Long>> sorted = byReason.entrySet().stream()
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

    private Committed commit(EventType type, Dataset<Row> staged, ReplacedPartitions replaced) {
        Observation written = new Observation("written_" + streamName(type));
        Dataset<Row> canonical = Canonicalizer.forCommit(staged.filter(replaced.filter()), type, config.dedupe(),
                        partitions(store.stagingFolder(runId, type)))
                .observe(written, count(lit(1)).as("rows"));
        long version = store.table(type).replace(canonical, replaced,
                "run=" + runId + " canonicalize " + streamName(type) + " " + replaced);
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
