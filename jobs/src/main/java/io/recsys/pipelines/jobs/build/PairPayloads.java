package io.recsys.pipelines.jobs.build;

import io.recsys.pipelines.jobs.run.TenantSurface;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;

/**
 * Brings per-entry rows (tenant, surface, entry key, ...) to the driver and groups them into one
 * payload per pair, entries in the key order Spark sorts them in (UTF-8 bytes, the contract's order).
 */
final class PairPayloads {
    private PairPayloads() {
    }

    static <E, P> Map<TenantSurface, P> collect(Dataset<Row> entries, String keyColumn, Function<Row, E> entry,
                                                 Function<List<E>, P> payload) {
        Map<TenantSurface, List<E>> byPair = new TreeMap<>();
        for (Row row : entries.orderBy(col("tenant"), col("surface"), col(keyColumn)).collectAsList()) {
            byPair.computeIfAbsent(new TenantSurface(row.getString(0), row.getString(1)), k -> new ArrayList<>())
                    .add(entry.apply(row));
        }
        Map<TenantSurface, P> payloads = new TreeMap<>();
        byPair.forEach((pair, list) -> payloads.put(pair, payload.apply(list)));
        return payloads;
    }
}
