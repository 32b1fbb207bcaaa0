package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.artifact.KindSpec;
import io.recsys.pipelines.common.artifact.PopularityPayload;
import io.recsys.pipelines.common.config.PipelineConfig.PopularityWeights;
import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sum;

/**
 * Popularity (contract 4.2) for every (tenant, surface) in one Spark job: weighted counts summed
 * over the window's daily aggregates, ranked by count desc then item_id asc (UTF-8 bytes, the
 * contract's tie rule), top N per pair. The top N is combined from per-task partial tops
 * ({@link TopN}), so one pair's items are ranked by every task, and one row of at most N items
 * per pair reaches the driver.
 */
public final class PopularityBuilder {
    private PopularityBuilder() {
    }

    /** Columns tenant, surface, items (array of key = item_id, score = count, best first); one row per pair. */
    public static Dataset<Row> topItems(Dataset<Row> dailyAggregates, PopularityWeights weights, int maxItems) {
        Column weighted = col("exposures").multiply(lit(weights.exposure()))
                .plus(col("clicks").multiply(lit(weights.click())))
                .plus(col("conversions").multiply(lit(weights.conversion())));
        return dailyAggregates
                .groupBy(col("tenant"), col("surface"), col("item_id"))
                .agg(sum(weighted).as("count"))
                // An item with a zero weighted count was not popular at all; it is not listed.
                .filter(col("count").gt(lit(0L)))
                .groupBy(col("tenant"), col("surface"))
                .agg(TopN.of(col("item_id"), col("count"), maxItems).as("top"))
                .select(col("tenant"), col("surface"), col("top.entries").as("items"));
    }

    /** Columns tenant, surface, item_id, count, rank (1-based), at most {@code maxItems} rows per pair. */
    public static Dataset<Row> topN(Dataset<Row> dailyAggregates, PopularityWeights weights, int maxItems) {
        return topItems(dailyAggregates, weights, maxItems)
                .select(col("tenant"), col("surface"), posexplode(col("items")).as(new String[] {"pos", "item"}))
                .select(col("tenant"), col("surface"), col("item.key").as("item_id"), col("item.score").as("count"),
                        col("pos").plus(lit(1)).as("rank"));
    }

    /** The kind's work for a window: from the window's daily aggregates (contract 3: windows add up daily partials). */
    static KindBuilder.Built forWindow(WindowInputs in) {
        return new KindBuilder.Built(payloads(topItems(in.dailyAggregates(), in.config().popularityWeights(),
                in.config().limits().maxItemsPerArtifact())), Map.of());
    }

    /** Every pair's items at once: for the benchmark and tests (N items per pair), never for a run. */
    public static Map<TenantSurface, List<ItemCount>> collect(Dataset<Row> topItems) {
        Map<TenantSurface, List<ItemCount>> byPair = new TreeMap<>();
        payloads(topItems).drain().forEach((pair, payload) -> byPair.put(pair, payload.items()));
        return byPair;
    }

    private static PairPayloads<List<ItemCount>, PopularityPayload> payloads(Dataset<Row> topItems) {
        return new PairPayloads<>(topItems, new Column[0],
                row -> row.<Row>getList(2).stream().map(i -> new ItemCount(i.<String>getAs("key"), i.<Long>getAs("score"))).toList(),
                rows -> new PopularityPayload(rows.get(0)), KindSpec.POPULARITY.empty(), Set.of());
    }
}
