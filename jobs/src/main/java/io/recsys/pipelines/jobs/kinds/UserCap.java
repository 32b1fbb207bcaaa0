package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

/**
 * {@code limits.max_users_per_artifact}, the Go tool's guard on {@code implicit} and
 * {@code session_seq}: both list every user with a user_id in the window, so a (tenant, surface)
 * with more users than the cap gets no artifact of either kind (its live one stays), is named in a
 * warning and in the report, and the other pairs go on. Its events are left out before any work.
 *
 * <p>Users are counted once per window and shared by both kinds (one small job: distinct users
 * per pair, combined from per-task partial counts; one row per pair reaches the driver).
 */
final class UserCap {
    private final int maxUsers;
    private WindowInputs countedFor;
    private Map<TenantSurface, Long> overCap;

    UserCap(int maxUsers) {
        this.maxUsers = maxUsers;
    }

    /** The pairs of the window with more users than the cap, and their user counts (both kinds may ask at once). */
    synchronized Map<TenantSurface, Long> overCap(WindowInputs in) {
        if (countedFor != in) {
            overCap = new TreeMap<>(PairStream.ORDER);
            for (Row row : usersPerPair(in.exposures()).filter(col("users").gt(lit((long) maxUsers))).collectAsList()) {
                overCap.put(new TenantSurface(row.getString(0), row.getString(1)), row.getLong(2));
            }
            countedFor = in;
        }
        return overCap;
    }

    /** Columns tenant, surface, users: distinct user_ids per pair. */
    static Dataset<Row> usersPerPair(Dataset<Row> exposures) {
        return exposures.filter(col("user_id").isNotNull())
                .select(col("tenant"), col("surface"), col("user_id")).distinct()
                .groupBy(col("tenant"), col("surface")).agg(count(lit(1)).as("users"));
    }

    /** {@code exposures} without the events of {@code pairs}. */
    static Dataset<Row> without(Dataset<Row> exposures, Iterable<TenantSurface> pairs) {
        Column any = null;
        for (TenantSurface pair : pairs) {
            Column one = col("tenant").equalTo(lit(pair.tenant())).and(col("surface").equalTo(lit(pair.surface())));
            any = any == null ? one : any.or(one);
        }
        return any == null ? exposures : exposures.filter(not(any));
    }

    /**
     * The work of a user-based kind for a window: {@code topN} (from exposures and max_items_per_user,
     * as {@link ImplicitBuilder#topN}) over the window's exposures, for the pairs within the cap.
     */
    KindBuilder.Built build(ArtifactKind kind, WindowInputs in, BiFunction<Dataset<Row>, Integer, Dataset<Row>> topN) {
        Map<TenantSurface, Long> over = overCap(in);
        return built(kind, UserItemScores.payloads(topN.apply(without(in.exposures(), over.keySet()),
                in.config().limits().maxItemsPerUser()), over.keySet()), over);
    }

    /** The kind's build result: its payload stream, the pairs over the cap in the stats, one warning per pair. */
    private KindBuilder.Built built(ArtifactKind kind, PairStream payloads, Map<TenantSurface, Long> over) {
        Map<String, Object> stats = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        if (!over.isEmpty()) {
            Map<String, Long> users = new TreeMap<>();
            over.forEach((pair, n) -> {
                users.put(pair.toString(), n);
                warnings.add(pair + ": " + n + " users, over limits.max_users_per_artifact (" + maxUsers + "): no "
                        + kind.id() + " artifact for this pair, its live one (if any) stays");
            });
            stats.put("max_users_per_artifact", maxUsers);
            stats.put("pairs_over_user_cap", users);
        }
        return new KindBuilder.Built(payloads, stats, warnings);
    }
}
