package io.recsys.pipelines.jobs.aggregate;

import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.canonicalize.CanonicalStore;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;
import io.recsys.pipelines.jobs.canonicalize.StreamCounts;
import io.recsys.pipelines.jobs.run.PairFilter;
import io.recsys.pipelines.jobs.storage.PartitionedTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Canonical events of a window to the daily aggregates table (contract section 3). */
public final class AggregateStage {
    private final CanonicalStore canonical;
    private final PartitionedTable aggregates;

    public AggregateStage(SparkSession spark, CanonicalStore canonical, Path aggregatesRoot) {
        this.canonical = canonical;
        this.aggregates = new PartitionedTable(spark, new Path(aggregatesRoot, "daily"), DailyAggregates.SCHEMA);
    }

    public PartitionedTable table() {
        return aggregates;
    }

    public void run(DateWindow window, PairFilter scope, CanonicalizeStage.Result canonicalized) {
        Dataset<Row> exposures = canonical.table(EventType.EXPOSURE).readWindow(window, scope);
        Dataset<Row> outcomes = canonicalized.counts().containsKey(EventType.OUTCOME)
                ? canonical.table(EventType.OUTCOME).readWindow(window, scope) : null;
        aggregates.replaceWindow(DailyAggregates.compute(exposures, outcomes), window, scope,
                (pair, day) -> canonicalized.counts().values().stream().anyMatch(c ->
                        c.acceptedPartitions().contains(new StreamCounts.DayPartition(pair, day))));
    }
}
