package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.jobs.kinds.CoocBuilder;
import io.recsys.pipelines.jobs.kinds.CoocLimits;
import io.recsys.pipelines.jobs.kinds.PopularityBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

/**
 * The rows DB mode writes for one day, computed by the artifact builders themselves so that the
 * tables hold the artifacts' numbers. Only the caps differ: the database has no blob size limit,
 * so db.max_items_per_day replaces limits.max_items_per_artifact for popularity items and for
 * co-visitation anchors alike. An anchor cut by the artifact's 1000 would simply have no similar
 * items in DB mode; the same cap as popularity keeps a day's rows bounded all the same.
 */
final class DaySignals {
    private DaySignals() {
    }

    /** Columns tenant, surface, item_id, count: the day's weighted counts above zero, top N per pair. */
    static Dataset<Row> popularity(Dataset<Row> dayAggregates, PipelineConfig config) {
        return PopularityBuilder.topN(dayAggregates, config.popularityWeights(), config.db().maxItemsPerDay())
                .select(col("tenant"), col("surface"), col("item_id"), col("count"));
    }

    /**
     * Columns tenant, surface, item_id, neighbor_id, count: the day's co-visitation counts after
     * min support and the neighbour cap; an anchor whose neighbours were all filtered out has no row.
     */
    static Dataset<Row> covisits(Dataset<Row> dayExposures, PipelineConfig config) {
        PipelineConfig.Limits limits = config.limits();
        CoocLimits caps = new CoocLimits(limits.minCoocSupport(), limits.maxNeighborsPerItem(),
                config.db().maxItemsPerDay(), limits.maxItemsPerSession());
        return CoocBuilder.topNeighbors(dayExposures, CoocBuilder.sessionItemSets(dayExposures), caps)
                .select(col("tenant"), col("surface"), col("item_id"), explode(col("neighbors")).as("n"))
                .select(col("tenant"), col("surface"), col("item_id"), col("n.item_id").as("neighbor_id"),
                        col("n.count").as("count"));
    }
}
