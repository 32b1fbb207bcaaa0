package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ContentSimPayload;
import io.recsys.pipelines.common.artifact.ItemTags;
import io.recsys.pipelines.common.catalog.CatalogRow;
import io.recsys.pipelines.common.catalog.CatalogTags;
import io.recsys.pipelines.common.pair.TenantSurface;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code content_sim} (contract 4.2) from catalog rows, on the driver: the catalog grows with the
 * items for sale, not with traffic. Rows whose namespace is empty or equals the surface are kept,
 * tags normalised ({@link CatalogTags#normalize}), rows left without tags dropped, items sorted
 * by item_id in UTF-8 byte order.
 *
 * <p>An item listed more than once for a surface keeps its first kept row in file order (a row of
 * another namespace or without tags does not count), so the artifact has one entry per item. The
 * Go tool lists such an item once per row: for such catalogs the versions differ from its own.
 */
public final class ContentSimBuilder {
    private ContentSimBuilder() {
    }

    /** The kind's work for a window: the payload depends only on the surface, built when a pair first asks for it. */
    static KindBuilder.Built forWindow(List<CatalogRow> catalog) {
        Map<String, ContentSimPayload> bySurface = new HashMap<>();
        PairStream payloads = pair -> Optional.of(bySurface.computeIfAbsent(pair.surface(),
                surface -> forSurface(catalog, surface)));
        return new KindBuilder.Built(payloads, Map.of("catalog_rows", catalog.size()));
    }

    /** One payload per pair; the payload depends only on the surface. */
    public static Map<TenantSurface, ContentSimPayload> build(List<CatalogRow> catalog, Collection<TenantSurface> pairs) {
        Map<String, ContentSimPayload> bySurface = new HashMap<>();
        Map<TenantSurface, ContentSimPayload> payloads = new TreeMap<>();
        for (TenantSurface pair : pairs) {
            payloads.put(pair, bySurface.computeIfAbsent(pair.surface(), surface -> forSurface(catalog, surface)));
        }
        return payloads;
    }

    public static ContentSimPayload forSurface(List<CatalogRow> catalog, String surface) {
        Map<String, ItemTags> firstRows = new HashMap<>();
        for (CatalogRow row : catalog) {
            if (row.namespace().isEmpty() || row.namespace().equals(surface)) {
                List<String> tags = CatalogTags.normalize(row.tags());
                if (!tags.isEmpty()) {
                    firstRows.putIfAbsent(row.itemId(), new ItemTags(row.itemId(), tags));
                }
            }
        }
        List<ItemTags> items = new ArrayList<>(firstRows.values());
        items.sort((a, b) -> Utf8ByteOrder.compare(a.itemId(), b.itemId()));
        return new ContentSimPayload(items);
    }
}
