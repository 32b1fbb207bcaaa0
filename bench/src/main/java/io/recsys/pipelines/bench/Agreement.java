package io.recsys.pipelines.bench;

import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.pair.TenantSurface;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Item-for-item comparison of two popularity results: same pairs, same items, counts and order. */
final class Agreement {
    /** Enough to see the pattern of a disagreement; the count says how many there were in all. */
    private static final int MAX_LISTED = 20;

    private Agreement() {
    }

    static Map<String, Object> compare(Map<TenantSurface, List<ItemCount>> spark, Map<TenantSurface, List<ItemCount>> duckdb) {
        List<String> differences = new ArrayList<>();
        long compared = 0;
        TreeSet<TenantSurface> pairs = union(spark, duckdb);
        for (TenantSurface pair : pairs) {
            List<ItemCount> a = spark.getOrDefault(pair, List.of());
            List<ItemCount> b = duckdb.getOrDefault(pair, List.of());
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                ItemCount x = i < a.size() ? a.get(i) : null;
                ItemCount y = i < b.size() ? b.get(i) : null;
                compared++;
                if (x == null || !x.equals(y)) {
                    differences.add(pair.tenant() + "/" + pair.surface() + " #" + (i + 1) + ": spark " + show(x)
                            + ", duckdb " + show(y));
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("equal", differences.isEmpty());
        result.put("pairs", pairs.size());
        result.put("positions_compared", compared);
        result.put("differences", differences.size());
        result.put("first_differences", differences.subList(0, Math.min(MAX_LISTED, differences.size())));
        return result;
    }

    private static TreeSet<TenantSurface> union(Map<TenantSurface, ?> a, Map<TenantSurface, ?> b) {
        TreeSet<TenantSurface> pairs = new TreeSet<>(a.keySet());
        pairs.addAll(b.keySet());
        return pairs;
    }

    private static String show(ItemCount item) {
        return item == null ? "(none)" : item.itemId() + "=" + item.count();
    }
}
