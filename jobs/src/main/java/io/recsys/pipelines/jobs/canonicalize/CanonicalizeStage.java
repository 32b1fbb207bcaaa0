package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.input.InputResolver;
import io.recsys.pipelines.jobs.input.ResolvedInput;
import io.recsys.pipelines.jobs.run.PairFilter;
import io.recsys.pipelines.jobs.storage.CommittedWrites;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

/**
 * Raw JSONL to the canonical store (contract 1-2). Every line is parsed once; the parsed rows
 * are kept (memory, spilling to disk) while their counts decide whether the reject budget holds,
 * and only then is anything written, so an over-budget run replaces no canonical data.
 */
public final class CanonicalizeStage {
    private final SparkSession spark;
    private final PipelineConfig config;
    private final CanonicalStore store;

    public CanonicalizeStage(SparkSession spark, PipelineConfig config, CanonicalStore store) {
        this.spark = spark;
        this.config = config;
        this.store = store;
    }

    /** What one run read and wrote per stream (outcomes absent when there is no outcome stream). */
    public record Result(Map<EventType, ResolvedInput> inputs, Map<EventType, StreamCounts> counts) {
        public StreamCounts exposures() {
            return counts.get(EventType.EXPOSURE);
        }
    }

    public Result run(DateWindow window, PairFilter scope) {
        InputResolver resolver = new InputResolver(spark.sparkContext().hadoopConfiguration());
        Map<EventType, ResolvedInput> inputs = new LinkedHashMap<>();
        inputs.put(EventType.EXPOSURE, resolver.resolve("exposures", config.input().exposures(), window));
        if (config.input().hasOutcomes()) {
            inputs.put(EventType.OUTCOME, resolver.resolve("outcomes", config.input().outcomes(), window));
        }

        Map<EventType, Dataset<Row>> classified = new LinkedHashMap<>();
        Map<EventType, StreamCounts> counts = new LinkedHashMap<>();
        try {
            for (Map.Entry<EventType, ResolvedInput> input : inputs.entrySet()) {
                Dataset<Row> rows = classify(input.getValue(), input.getKey(), window, scope);
                classified.put(input.getKey(), rows);
                counts.put(input.getKey(), StreamCounts.fromRows(Canonicalizer.counts(rows).collectAsList()));
            }
            for (EventType type : classified.keySet()) {
                writeRejects(type, classified.get(type), counts.get(type), window);
            }
            checkBudget(counts, window, scope);
            for (EventType type : classified.keySet()) {
                writeCanonical(type, classified.get(type), counts.get(type), window, scope);
            }
            return new Result(inputs, counts);
        } finally {
            classified.values().forEach(Dataset::unpersist);
        }
    }

    private Dataset<Row> classify(ResolvedInput input, EventType type, DateWindow window, PairFilter scope) {
        return Canonicalizer.classify(Canonicalizer.parse(readLines(spark, input), type, config.identifiers()), window, scope)
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** The input's raw lines as (value, source_file), the input of {@link Canonicalizer#parse}. */
    public static Dataset<Row> readLines(SparkSession spark, ResolvedInput input) {
        return spark.read().text(input.files().toArray(String[]::new))
                .select(col("value"), col("_metadata.file_path").as(ParsedEvents.SOURCE_FILE));
    }

    /** Quarantine is written even when the budget fails: the operator needs to see why. */
    private void writeRejects(EventType type, Dataset<Row> classified, StreamCounts counts, DateWindow window) {
        Path folder = store.rejectsFolder(type, window);
        if (counts.rejected() == 0) {
            store.deleteFolder(folder);
            return;
        }
        CommittedWrites.run(spark, folder,
                () -> Canonicalizer.rejects(classified).coalesce(1).write().mode(SaveMode.Overwrite).json(folder.toString()));
    }

    private void checkBudget(Map<EventType, StreamCounts> counts, DateWindow window, PairFilter scope) {
        double max = config.limits().maxRejectRatio();
        List<String> over = new ArrayList<>();
        for (Map.Entry<EventType, StreamCounts> e : counts.entrySet()) {
            StreamCounts c = e.getValue();
            if (c.rejectRatio() > max) {
                over.add(String.format(Locale.ROOT, "%s: %d of %d lines rejected (%.2f%%; %s), rejects in %s",
                        streamName(e.getKey()), c.rejected(), c.linesRead(), 100.0 * c.rejectRatio(),
                        topReasons(c), store.rejectsFolder(e.getKey(), window)));
            }
        }
        if (!over.isEmpty()) {
            throw PipelineException.inputRejected("reject budget exceeded (limits.max_reject_ratio = " + max + "): "
                    + String.join("; ", over) + ". Nothing was written to the canonical store and nothing was published.");
        }
        if (counts.get(EventType.EXPOSURE).accepted() == 0) {
            throw PipelineException.inputRejected("no valid exposure events for " + scope + " in window " + window
                    + " (read " + counts.get(EventType.EXPOSURE).linesRead() + " lines); refusing to publish empty artifacts.");
        }
    }

    private static String topReasons(StreamCounts c) {
        return c.rejectedByReason().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(3).map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private void writeCanonical(EventType type, Dataset<Row> classified, StreamCounts counts, DateWindow window,
                                PairFilter scope) {
        Observation written = new Observation("written_" + streamName(type));
        Dataset<Row> canonical = Canonicalizer.canonical(classified, type, config.dedupe())
                .observe(written, count(lit(1)).as("rows"));
        store.table(type).replaceWindow(canonical, window, scope,
                (pair, day) -> counts.acceptedPartitions().contains(new StreamCounts.DayPartition(pair, day)));
        counts.setWritten(observedRows(written));
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
