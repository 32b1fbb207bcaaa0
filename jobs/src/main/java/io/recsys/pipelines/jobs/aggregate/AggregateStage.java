package io.recsys.pipelines.jobs.aggregate;

import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.jobs.canonicalize.CanonicalStore;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;
import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.jobs.storage.PartitionedTable;
import io.recsys.pipelines.jobs.storage.ReplacedPartitions;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.OptionalLong;

import static org.apache.spark.sql.functions.col;

/** Canonical events of a run's days to the daily aggregates table (contract section 3). */
public final class AggregateStage {
    public static final String NAME = "aggregates";
    private final SparkSession spark;
    private final CanonicalStore canonical;
    private final PartitionedTable aggregates;

    public AggregateStage(SparkSession spark, CanonicalStore canonical, Path aggregatesRoot) {
        this.spark = spark;
        this.canonical = canonical;
        this.aggregates = new PartitionedTable(spark, new Path(aggregatesRoot, "daily"), DailyAggregates.SCHEMA, NAME);
    }

    public PartitionedTable table() {
        return aggregates;
    }

    /**
     * Replaces the aggregates of the partitions {@code canonicalized} replaced, computed from exactly the
     * canonical versions it committed; returns the version of the aggregates commit.
     */
    public long run(CanonicalizeStage.Result canonicalized, String description) {
        ReplacedPartitions replaced = canonicalized.replaced();
        Dataset<Row> exposures = replacedRows(EventType.EXPOSURE, canonicalized);
        Dataset<Row> outcomes = canonicalized.versions().containsKey(EventType.OUTCOME)
                ? replacedRows(EventType.OUTCOME, canonicalized) : null;
        // Range-partitioned like the canonical commit: a large pair's day spread over every task, small
        // pairs sharing one, so files per day partition stay few and none is written by one task alone.
        Dataset<Row> daily = DailyAggregates.compute(exposures, outcomes)
                .repartitionByRange(spark.sparkContext().defaultParallelism(),
                        col("tenant"), col("surface"), col("dt"), col("item_id"));
        return aggregates.replace(daily, replaced, description + " aggregate " + replaced);
    }

    private Dataset<Row> replacedRows(EventType type, CanonicalizeStage.Result canonicalized) {
        return canonical.table(type).readDays(canonicalized.replaced().days(), PairFilter.ALL,
                OptionalLong.of(canonicalized.versions().get(type))).filter(canonicalized.replaced().filter());
    }
}
