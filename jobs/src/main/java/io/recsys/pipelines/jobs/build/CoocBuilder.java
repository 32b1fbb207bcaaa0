package io.recsys.pipelines.jobs.build;

import io.recsys.pipelines.common.artifact.CoocPayload;
import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.artifact.NeighborRow;
import io.recsys.pipelines.jobs.run.TenantSurface;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.array_remove;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

/**
 * Co-occurrence (contract 4.2) for all (tenant, surface) pairs at once. A session is
 * (tenant, surface, session_id): the same session id under two tenants is two sessions.
 *
 * <p>Pairs come from per-session item sets: one shuffle groups each session's distinct items, then
 * each set is expanded in place (no shuffle) into its n(n-1) ordered pairs, so the only quadratic
 * work is inside sets already cut to {@code max_items_per_session}. A self-join of the
 * (session, item) rows would shuffle them once more and needs the session sizes joined back for
 * the cap. Ties are broken by Spark's string order, which compares UTF-8 bytes as the contract does.
 */
public final class CoocBuilder {
    private static final String[] ANCHOR_KEY = {"tenant", "surface", "item_id"};

    private CoocBuilder() {
    }

    /**
     * The payloads per pair, and per pair the sessions skipped for having more distinct items than
     * max_items_per_session (a pair without such sessions is absent).
     */
    public record Result(Map<TenantSurface, CoocPayload> payloads, Map<TenantSurface, Long> skippedSessions) {
    }

    /** Columns tenant, surface, session_id, items: the distinct items of each session. */
    public static Dataset<Row> sessionItemSets(Dataset<Row> exposures) {
        return exposures.groupBy(col("tenant"), col("surface"), col("session_id"))
                .agg(collect_set(col("item_id")).as("items"));
    }

    /** Columns tenant, surface, skipped_sessions; only pairs with at least one skipped session. */
    public static Dataset<Row> skippedSessions(Dataset<Row> sessionItemSets, int maxItemsPerSession) {
        return sessionItemSets.filter(size(col("items")).gt(lit(maxItemsPerSession)))
                .groupBy(col("tenant"), col("surface"))
                .agg(count(lit(1)).as("skipped_sessions"));
    }

    /**
     * Columns tenant, surface, item_id (the anchor), neighbors: one row per kept anchor, its
     * neighbours as an array of (rank, item_id, count) in rank order, empty when none reaches the
     * minimum support.
     */
    public static Dataset<Row> topNeighbors(Dataset<Row> exposures, Dataset<Row> sessionItemSets, CoocLimits limits) {
        Dataset<Row> pairCounts = sessionItemSets
                .filter(size(col("items")).between(2, limits.maxItemsPerSession()))
                .select(col("tenant"), col("surface"), col("items"), explode(col("items")).as("item_id"))
                .select(col("tenant"), col("surface"), col("item_id"),
                        explode(array_remove(col("items"), col("item_id"))).as("neighbor_id"))
                .groupBy(col("tenant"), col("surface"), col("item_id"), col("neighbor_id"))
                .agg(count(lit(1)).as("count"));

        // Every item that shared a session is an anchor, whether or not a neighbour reaches the support.
        Dataset<Row> keptAnchors = pairCounts.select(col("tenant"), col("surface"), col("item_id")).distinct()
                .join(exposureCounts(exposures), ANCHOR_KEY)
                .withColumn("anchor_rank", row_number().over(Window.partitionBy(col("tenant"), col("surface"))
                        .orderBy(col("exposures").desc(), col("item_id").asc())))
                .filter(col("anchor_rank").leq(lit(limits.maxItemsPerArtifact())))
                .select(col("tenant"), col("surface"), col("item_id"));

        Dataset<Row> neighbors = pairCounts.filter(col("count").geq(lit((long) limits.minSupport())))
                .withColumn("rank", row_number().over(Window.partitionBy(col("tenant"), col("surface"), col("item_id"))
                        .orderBy(col("count").desc(), col("neighbor_id").asc())))
                .filter(col("rank").leq(lit(limits.maxNeighborsPerItem())));

        // The left join keeps anchors without neighbours; their one null row is not collected.
        return keptAnchors.join(neighbors, ANCHOR_KEY, "left")
                .groupBy(col("tenant"), col("surface"), col("item_id"))
                .agg(array_sort(collect_list(when(col("rank").isNotNull(),
                        struct(col("rank"), col("neighbor_id").as("item_id"), col("count"))))).as("neighbors"));
    }

    /**
     * Runs both jobs over item sets computed once (kept for the second job, released after) and
     * brings their bounded results to the driver: at most max_items_per_artifact anchors of at
     * most max_neighbors_per_item neighbours per pair, and one count per pair.
     */
    public static Result collect(Dataset<Row> exposures, CoocLimits limits) {
        Dataset<Row> sets = sessionItemSets(exposures).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<TenantSurface, Long> skipped = new TreeMap<>();
            for (Row row : skippedSessions(sets, limits.maxItemsPerSession()).collectAsList()) {
                skipped.put(new TenantSurface(row.getString(0), row.getString(1)), row.getLong(2));
            }
            return new Result(payloads(topNeighbors(exposures, sets, limits)), skipped);
        } finally {
            sets.unpersist();
        }
    }

    /** Rows of {@link #topNeighbors} into payloads, anchors in item_id order. */
    public static Map<TenantSurface, CoocPayload> payloads(Dataset<Row> topNeighbors) {
        return PairPayloads.collect(topNeighbors, "item_id", row -> new NeighborRow(row.getString(2),
                row.<Row>getList(3).stream().map(n -> new ItemCount(n.getString(1), n.getLong(2))).toList()),
                CoocPayload::new);
    }

    /** Column exposures per (tenant, surface, item_id): canonical exposure rows, the anchor cap's order. */
    private static Dataset<Row> exposureCounts(Dataset<Row> exposures) {
        return exposures.groupBy(col("tenant"), col("surface"), col("item_id")).agg(count(lit(1)).as("exposures"));
    }
}
