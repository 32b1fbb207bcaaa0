package io.recsys.pipelines.jobs.build;

import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.config.PipelineConfig.PopularityWeights;
import io.recsys.pipelines.jobs.run.TenantSurface;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

/**
 * Popularity (contract 4.2) for every (tenant, surface) in one Spark job: weighted counts summed
 * over the window's daily aggregates, ranked by count desc then item_id asc (Spark compares
 * strings by their UTF-8 bytes, the contract's tie rule), top N per pair. Only the top N rows per
 * pair reach the driver.
 */
public final class PopularityBuilder {
    private PopularityBuilder() {
    }

    /** Columns tenant, surface, item_id, count, rank (1-based), at most {@code maxItems} per pair. */
    public static Dataset<Row> topN(Dataset<Row> dailyAggregates, PopularityWeights weights, int maxItems) {
        Column weighted = col("exposures").multiply(lit(weights.exposure()))
                .plus(col("clicks").multiply(lit(weights.click())))
                .plus(col("conversions").multiply(lit(weights.conversion())));
        WindowSpec byPair = Window.partitionBy(col("tenant"), col("surface"))
                .orderBy(col("count").desc(), col("item_id").asc());
        return dailyAggregates
                .groupBy(col("tenant"), col("surface"), col("item_id"))
                .agg(sum(weighted).as("count"))
                // An item with a zero weighted count was not popular at all; it is not listed.
                .filter(col("count").gt(lit(0L)))
                .withColumn("rank", row_number().over(byPair))
                .filter(col("rank").leq(lit(maxItems)));
    }

    /** Collects the (bounded) top-N rows into ordered lists per pair. */
    public static Map<TenantSurface, List<ItemCount>> collect(Dataset<Row> topN) {
        Map<TenantSurface, List<ItemCount>> byPair = new TreeMap<>();
        List<Row> rows = topN.select(col("tenant"), col("surface"), col("item_id"), col("count"), col("rank"))
                .orderBy(col("tenant"), col("surface"), col("rank")).collectAsList();
        for (Row row : rows) {
            byPair.computeIfAbsent(new TenantSurface(row.getString(0), row.getString(1)), k -> new ArrayList<>())
                    .add(new ItemCount(row.getString(2), row.getLong(3)));
        }
        return byPair;
    }
}
