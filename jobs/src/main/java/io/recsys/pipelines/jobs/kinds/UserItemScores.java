package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ItemScore;
import io.recsys.pipelines.common.artifact.KindSpec;
import io.recsys.pipelines.common.artifact.UserScores;
import io.recsys.pipelines.common.artifact.UserScoresPayload;
import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

/**
 * The shared second half of {@code implicit} and {@code session_seq} (contract 4.2): per user,
 * items by score desc then item_id asc (Spark compares strings by UTF-8 bytes, the contract's tie
 * rule), cut to max_items_per_user, users in user_id order.
 */
final class UserItemScores {
    private UserItemScores() {
    }

    /**
     * The identified exposures (those with a user_id), spread by user before anything is grouped:
     * every later step of both kinds groups or ranks per user, so this is their only shuffle of
     * events, and a (tenant, surface) read from one file is worked on by every task.
     */
    static Dataset<Row> byUser(Dataset<Row> exposures, Column... columns) {
        return exposures.filter(col("user_id").isNotNull()).select(columns)
                .repartition(col("tenant"), col("surface"), col("user_id"));
    }

    /**
     * From columns tenant, surface, user_id, item_id, score (double) to one row per user: tenant,
     * surface, user_id, items (array of rank, item_id, score in rank order). Items scoring 0 are
     * not listed, but their user is: a user whose items all score 0 gets an empty array.
     */
    static Dataset<Row> topN(Dataset<Row> scores, int maxItemsPerUser) {
        // Zero scores sort last, so cutting before dropping them never pushes out a scored item.
        return scores
                .withColumn("rank", row_number().over(Window.partitionBy(col("tenant"), col("surface"), col("user_id"))
                        .orderBy(col("score").desc(), col("item_id").asc())))
                .filter(col("rank").leq(lit(maxItemsPerUser)))
                .groupBy(col("tenant"), col("surface"), col("user_id"))
                .agg(array_sort(collect_list(when(col("score").gt(lit(0.0)),
                        struct(col("rank"), col("item_id"), col("score"))))).as("items"));
    }

    /** Rows of {@link #topN} as payloads, users in user_id order, pair by pair; {@code excluded} pairs get none. */
    static PairPayloads<UserScores, UserScoresPayload> payloads(Dataset<Row> topN, Set<TenantSurface> excluded) {
        return new PairPayloads<>(topN, new Column[] {col("user_id")}, row -> new UserScores(row.getString(2),
                row.<Row>getList(3).stream().map(i -> new ItemScore(i.getString(1), i.getDouble(2))).toList()),
                UserScoresPayload::new, KindSpec.USER_SCORES.empty(), excluded);
    }

    /** Every pair's payload at once: for tests, never for a run. */
    static Map<TenantSurface, UserScoresPayload> collect(Dataset<Row> topN) {
        return payloads(topN, Set.of()).drain();
    }
}
