package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.CoocPayload;
import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.artifact.KindSpec;
import io.recsys.pipelines.common.artifact.NeighborRow;
import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Co-occurrence (contract 4.2) for all (tenant, surface) pairs at once. A session is
 * (tenant, surface, session_id): the same session id under two tenants is two sessions.
 *
 * <p>Pairs come from per-session item sets. Each set is sorted (UTF-8 bytes) and expanded in place
 * into its n(n-1)/2 unordered pairs, smaller id first, which are counted once; since a count is the
 * same in both directions, both directions are emitted only after counting, and only for pairs
 * that reach the minimum support: half the rows of expanding ordered pairs go through the shuffle.
 * The only quadratic work is inside sets already cut to {@code max_items_per_session}.
 *
 * <p>Nothing is ranked per pair by one task: the anchor cap keeps the most exposed anchors with a
 * top N combined from per-task partial tops ({@link TopN}), neighbours are ranked per anchor, and
 * only the kept anchors' neighbours are ranked at all.
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

    /**
     * Columns tenant, surface, session_id, items: the distinct items of each session. The rows are
     * spread by session before anything is grouped, so a (tenant, surface) read from one file is
     * grouped by every task, not by the one that reads it.
     */
    public static Dataset<Row> sessionItemSets(Dataset<Row> exposures) {
        return exposures.select(col("tenant"), col("surface"), col("session_id"), col("item_id"))
                .repartition(col("tenant"), col("surface"), col("session_id"))
                .groupBy(col("tenant"), col("surface"), col("session_id"))
                .agg(collect_set(col("item_id")).as("items"));
    }

    /** Columns tenant, surface, skipped_sessions; only pairs with at least one skipped session. */
    public static Dataset<Row> skippedSessions(Dataset<Row> sessionItemSets, int maxItemsPerSession) {
        return sessionItemSets.filter(size(col("items")).gt(lit(maxItemsPerSession)))
                .groupBy(col("tenant"), col("surface"))
                .agg(count(lit(1)).as("skipped_sessions"));
    }

    /** Column exposures per (tenant, surface, item_id), counted from canonical exposure rows: the anchor cap's order. */
    public static Dataset<Row> exposureCounts(Dataset<Row> exposures) {
        return exposures.groupBy(col("tenant"), col("surface"), col("item_id")).agg(count(lit(1)).as("exposures"));
    }

    /** The same counts from the window's daily aggregates (their exposures are canonical exposure rows per day). */
    public static Dataset<Row> exposureCountsFromAggregates(Dataset<Row> dailyAggregates) {
        return dailyAggregates.groupBy(col("tenant"), col("surface"), col("item_id"))
                .agg(sum(col("exposures")).as("exposures"));
    }

    /** {@link #topNeighbors(Dataset, Dataset, CoocLimits)} with the anchors' exposures counted from {@code exposures}. */
    public static Dataset<Row> topNeighbors(Dataset<Row> exposures, Dataset<Row> sessionItemSets, CoocLimits limits) {
        return rank(sessionItemSets, exposureCounts(exposures), limits);
    }

    /**
     * Columns tenant, surface, item_id (the anchor), neighbors: one row per kept anchor, its
     * neighbours as an array of (rank, item_id, count) in rank order, empty when none reaches the
     * minimum support.
     *
     * @param exposureCounts columns tenant, surface, item_id, exposures
     */
    public static Dataset<Row> rank(Dataset<Row> sessionItemSets, Dataset<Row> exposureCounts, CoocLimits limits) {
        Dataset<Row> kept = sessionItemSets.filter(size(col("items")).between(2, limits.maxItemsPerSession()))
                .select(col("tenant"), col("surface"), array_sort(col("items")).as("items"));

        // Every unordered pair once, smaller id first: each item with the items after it in its sorted set.
        Dataset<Row> pairCounts = kept
                .select(col("tenant"), col("surface"), col("items"), posexplode(col("items")).as(new String[] {"pos", "a"}))
                .select(col("tenant"), col("surface"), col("a"),
                        explode(slice(col("items"), col("pos").plus(lit(2)), size(col("items")))).as("b"))
                .groupBy(col("tenant"), col("surface"), col("a"), col("b"))
                .agg(count(lit(1)).as("count"));

        // Every item that shared a session is an anchor, whether or not a neighbour reaches the support.
        Dataset<Row> keptAnchors = kept.select(col("tenant"), col("surface"), explode(col("items")).as("item_id"))
                .distinct()
                .join(exposureCounts, ANCHOR_KEY)
                .groupBy(col("tenant"), col("surface"))
                .agg(TopN.of(col("item_id"), col("exposures"), limits.maxItemsPerArtifact()).as("top"))
                .select(col("tenant"), col("surface"), explode(col("top.entries.key")).as("item_id"));

        // count(a, b) == count(b, a): both directions come from one counted row.
        Column both = array(
                struct(col("a").as("item_id"), col("b").as("neighbor_id"), col("count")),
                struct(col("b").as("item_id"), col("a").as("neighbor_id"), col("count")));
        Dataset<Row> neighbors = pairCounts.filter(col("count").geq(lit((long) limits.minSupport())))
                .select(col("tenant"), col("surface"), explode(both).as("d"))
                .select(col("tenant"), col("surface"), col("d.item_id").as("item_id"), col("d.neighbor_id").as("neighbor_id"),
                        col("d.count").as("count"))
                .join(keptAnchors, ANCHOR_KEY, "left_semi")
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
     * The kind's work for a window: from its canonical exposures; the anchor cap's exposure counts come
     * from the daily aggregates, which already hold them. Sessions over the item cap are counted per pair.
     */
    static KindBuilder.Built forWindow(WindowInputs in) {
        Streamed built = build(in.exposures(), exposureCountsFromAggregates(in.dailyAggregates()),
                CoocLimits.of(in.config().limits()));
        Map<String, Object> skipped = new TreeMap<>();
        built.skippedSessions().forEach((pair, n) -> skipped.put(pair.toString(), n));
        return new KindBuilder.Built(built.payloads(), Map.of("sessions_over_item_cap_skipped", skipped));
    }

    /** Runs the skipped-session count, then the anchors and neighbours, over item sets computed once. */
    static Streamed build(Dataset<Row> exposures, Dataset<Row> exposureCounts, CoocLimits limits) {
        Dataset<Row> sets = sessionItemSets(exposures).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<TenantSurface, Long> skipped = new TreeMap<>(PairStream.ORDER);
            for (Row row : skippedSessions(sets, limits.maxItemsPerSession()).collectAsList()) {
                skipped.put(new TenantSurface(row.getString(0), row.getString(1)), row.getLong(2));
            }
            // Every shuffle has run once the stream exists: the sets are no longer needed.
            return new Streamed(payloads(rank(sets, exposureCounts, limits)), skipped);
        } finally {
            sets.unpersist();
        }
    }

    /** The stream and the skipped sessions per pair. */
    record Streamed(PairPayloads<NeighborRow, CoocPayload> payloads, Map<TenantSurface, Long> skippedSessions) {
    }

    /** Every pair's payload at once: for tests (bounded top-N results), never for a run. */
    public static Result collect(Dataset<Row> exposures, CoocLimits limits) {
        Streamed built = build(exposures, exposureCounts(exposures), limits);
        return new Result(built.payloads().drain(), built.skippedSessions());
    }

    /** Rows of {@link #rank} into payloads, anchors in item_id order. */
    private static PairPayloads<NeighborRow, CoocPayload> payloads(Dataset<Row> topNeighbors) {
        return new PairPayloads<>(topNeighbors, new Column[] {col("item_id")}, row -> new NeighborRow(row.getString(2),
                row.<Row>getList(3).stream().map(n -> new ItemCount(n.getString(1), n.getLong(2))).toList()),
                CoocPayload::new, KindSpec.COOC.empty(), Set.of());
    }
}
