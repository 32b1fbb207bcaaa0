package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.UserScoresPayload;
import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

/**
 * {@code implicit} (contract 4.2) for every (tenant, surface) in one Spark job: per user, score =
 * the user's exposures of the item (a float64 in the artifact). Exposures without a user_id are
 * anonymous and ignored.
 */
public final class ImplicitBuilder {
    private ImplicitBuilder() {
    }

    /** Columns tenant, surface, user_id, items (array of rank, item_id, score); one row per user. */
    public static Dataset<Row> topN(Dataset<Row> exposures, int maxItemsPerUser) {
        Dataset<Row> scores = UserItemScores.byUser(exposures, col("tenant"), col("surface"), col("user_id"), col("item_id"))
                .groupBy(col("tenant"), col("surface"), col("user_id"), col("item_id"))
                .agg(count(lit(1)).cast("double").as("score"));
        return UserItemScores.topN(scores, maxItemsPerUser);
    }

    /** Every pair's payload at once: for tests, never for a run. */
    public static Map<TenantSurface, UserScoresPayload> collect(Dataset<Row> topN) {
        return UserItemScores.collect(topN);
    }
}
