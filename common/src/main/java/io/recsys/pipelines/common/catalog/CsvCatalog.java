package io.recsys.pipelines.common.catalog;

import io.recsys.pipelines.common.text.GoStrings;
import io.recsys.pipelines.common.errors.PipelineException;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV catalog: a header line naming the columns (any order, any letter case; unknown columns such
 * as {@code title} are ignored), then one record per item with exactly as many fields as the
 * header. A record with another field count is an error: it is nearly always a tags field with
 * commas that was not quoted.
 */
final class CsvCatalog {
    /** Other header names the Go tool accepts for the same columns. */
    private static final Map<String, String> ALIASES = Map.of(
            "itemid", "item_id", "id", "item_id", "tag_list", "tags", "createdat", "created_at", "surface", "namespace");

    private CsvCatalog() {
    }

    static List<CatalogRow> read(BufferedReader in, String source) throws IOException {
        CsvRecords records = new CsvRecords(in, source);
        List<String> header = records.next();
        if (header == null) {
            throw PipelineException.usage("catalog " + source + " is empty: it needs a header line "
                    + "item_id,namespace,tags,... and one line per item");
        }
        Map<String, Integer> columns = columns(header);
        Integer itemId = columns.get("item_id");
        if (itemId == null) {
            throw records.error(records.recordLine(), "the header " + header + " has no item_id column");
        }
        List<CatalogRow> rows = new ArrayList<>();
        List<String> fields;
        while ((fields = records.next()) != null) {
            if (fields.size() != header.size()) {
                throw records.error(records.recordLine(), fields.size() + " fields where the header has "
                        + header.size() + "; quote a field that contains commas");
            }
            String id = GoStrings.trimSpace(fields.get(itemId));
            if (!id.isEmpty()) {
                rows.add(new CatalogRow(id, text(fields, columns, "namespace"),
                        CatalogTags.split(text(fields, columns, "tags")),
                        price(text(fields, columns, "price")),
                        CatalogReader.rfc3339OrNull(text(fields, columns, "created_at"))));
            }
        }
        return rows;
    }

    private static Map<String, Integer> columns(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = GoStrings.trimSpace(header.get(i)).toLowerCase(Locale.ROOT);
            columns.put(ALIASES.getOrDefault(name, name), i);
        }
        return columns;
    }

    private static String text(List<String> fields, Map<String, Integer> columns, String column) {
        Integer i = columns.get(column);
        return i == null ? "" : GoStrings.trimSpace(fields.get(i));
    }

    /** Like the Go tool, a price that is not a number is read as absent instead of failing the catalog. */
    private static BigDecimal price(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
