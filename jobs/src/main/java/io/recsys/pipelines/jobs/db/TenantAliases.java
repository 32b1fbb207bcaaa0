package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * One service tenant named two ways in the events (its external_id in some lines, its uuid in
 * others) is one tenant: its rows are grouped under one name before the day's signals are computed,
 * so the load never writes the same (tenant, surface, item) twice (a duplicate key no retry cures).
 * The name kept is the smallest of those resolving to the tenant.
 */
final class TenantAliases {
    private final Map<String, String> canonical;

    private TenantAliases(Map<String, String> canonical) {
        this.canonical = canonical;
    }

    /** From each pair's resolved tenant id. */
    static TenantAliases of(Map<TenantSurface, UUID> pairIds) {
        Map<UUID, String> first = new TreeMap<>();
        pairIds.forEach((pair, id) -> first.merge(id, pair.tenant(), (a, b) -> a.compareTo(b) <= 0 ? a : b));
        Map<String, String> canonical = new TreeMap<>();
        pairIds.forEach((pair, id) -> {
            if (!pair.tenant().equals(first.get(id))) {
                canonical.put(pair.tenant(), first.get(id));
            }
        });
        return new TenantAliases(canonical);
    }

    /** The pairs under their kept names, each with its tenant id. */
    Map<TenantSurface, UUID> merge(Map<TenantSurface, UUID> pairIds) {
        Map<TenantSurface, UUID> merged = new TreeMap<>();
        pairIds.forEach((pair, id) -> merged.put(new TenantSurface(canonical.getOrDefault(pair.tenant(), pair.tenant()),
                pair.surface()), id));
        return merged;
    }

    /** {@code rows} with each alias in column tenant replaced by its kept name. */
    Dataset<Row> apply(Dataset<Row> rows) {
        if (canonical.isEmpty()) {
            return rows;
        }
        Column tenant = col("tenant");
        Column renamed = tenant;
        for (Map.Entry<String, String> e : canonical.entrySet()) {
            renamed = when(tenant.equalTo(lit(e.getKey())), lit(e.getValue())).otherwise(renamed);
        }
        return rows.withColumn("tenant", renamed);
    }
}
