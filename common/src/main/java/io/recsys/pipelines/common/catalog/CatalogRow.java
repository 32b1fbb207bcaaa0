package io.recsys.pipelines.common.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One catalog line as written in the file, before any artifact rule is applied: {@code content_sim}
 * filters and normalises these rows, a DB import stores them.
 *
 * @param itemId    trimmed, never empty (lines without an item id are not rows)
 * @param namespace trimmed; {@code ""} when absent, meaning "every surface"
 * @param tags      in file order, each trimmed, empty ones dropped; not lower-cased or de-duplicated
 *                  (see {@link CatalogTags#normalize})
 * @param price     {@code null} when absent or not a decimal number
 * @param createdAt the RFC 3339 text as written; {@code null} when absent or not RFC 3339
 */
public record CatalogRow(String itemId, String namespace, List<String> tags, BigDecimal price, String createdAt) {
    public CatalogRow {
        Objects.requireNonNull(itemId, "item_id");
        Objects.requireNonNull(namespace, "namespace");
        tags = List.copyOf(tags);
    }
}
