package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.UserScoresPayload;
import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

/**
 * {@code session_seq} (contract 4.2) for every (tenant, surface) in one Spark job. Per user (across
 * sessions), events are ordered by ts, then rank, then item_id; each consecutive pair adds 1 to
 * the next item's score, A->A included. Anonymous exposures are ignored.
 *
 * <p>Every event but the user's first is the "next" of exactly one pair, so an item's score is
 * its number of events minus one if it is the first event. That needs one aggregate per (user, item)
 * instead of sorting every event of every user for a lag() window: same result, no per-user buffer.
 * The aggregate, the user's first event and the ranking work on events spread once by user: one
 * read and one shuffle of events.
 */
public final class SessionSeqBuilder {
    private SessionSeqBuilder() {
    }

    /**
     * Columns tenant, surface, user_id, items (array of rank, item_id, score); one row per user,
     * with an empty array for a user with a single event.
     */
    public static Dataset<Row> topN(Dataset<Row> exposures, int maxItemsPerUser) {
        Dataset<Row> identified = UserItemScores.byUser(exposures, col("tenant"), col("surface"), col("user_id"),
                col("item_id"), col("ts"), col("rank"));
        // min over a struct compares its fields in order: the contract's event order. The user's first
        // event is the least of its items' first events; a window over the user needs no new shuffle.
        Dataset<Row> perItem = identified.groupBy(col("tenant"), col("surface"), col("user_id"), col("item_id"))
                .agg(count(lit(1)).as("events"), min(struct(col("ts"), col("rank"), col("item_id"))).as("first_event"));
        Column firstItem = min(col("first_event")).over(Window.partitionBy(col("tenant"), col("surface"), col("user_id")))
                .getField("item_id");
        Dataset<Row> scores = perItem.select(col("tenant"), col("surface"), col("user_id"), col("item_id"),
                col("events").minus(when(col("item_id").equalTo(firstItem), lit(1L)).otherwise(lit(0L)))
                        .cast("double").as("score"));
        return UserItemScores.topN(scores, maxItemsPerUser);
    }

    /** Every pair's payload at once: for tests, never for a run. */
    public static Map<TenantSurface, UserScoresPayload> collect(Dataset<Row> topN) {
        return UserItemScores.collect(topN);
    }
}
