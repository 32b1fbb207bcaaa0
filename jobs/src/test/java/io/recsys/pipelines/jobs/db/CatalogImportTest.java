package io.recsys.pipelines.jobs.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `catalog import`: the catalog upserted into item_tags (contract 10), tags as content_sim normalises them. */
@ExtendWith(EmbeddedPostgresExtension.class)
class CatalogImportTest {
    @TempDir
    Path tmp;

    /** One item_tags row as the test compares it. */
    record Item(List<String> tags, BigDecimal price, Instant createdAt) {
    }

    private Path file(String name, String... lines) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static DbCommands.Outcome importFile(TestDatabase db, Path file, String... options) {
        List<String> args = new ArrayList<>(List.of("catalog", "import", "--input", file.toString()));
        args.addAll(Arrays.asList(options));
        args.addAll(db.setArgs());
        return DbCommands.main(args);
    }

    /** "namespace/item_id" -> row. */
    private static Map<String, Item> items(TestDatabase db) throws SQLException {
        Map<String, Item> items = new TreeMap<>();
        for (List<Object> row : db.query("SELECT namespace, item_id, tags, price, created_at FROM item_tags")) {
            items.put(row.get(0) + "/" + row.get(1), new Item(List.of((String[]) ((Array) row.get(2)).getArray()),
                    (BigDecimal) row.get(3), ((Timestamp) row.get(4)).toInstant()));
        }
        return items;
    }

    @Test
    void importInsertsThenAReImportUpdatesKeepingWhatALineLeavesOut(TestDatabase db) throws Exception {
        db.addTenant("demo");
        Path csv = file("catalog.csv",
                "item_id,namespace,tags,price,created_at,title",
                "sku-1,home,Brand:Stride|Category:Footwear| brand:stride ,89.00,2026-01-01T00:00:00Z,Shoe",
                "sku-2,,\"a, B;c\",12.5,,Socks",
                "sku-3,pdp,,7,2026-01-02T10:00:00+02:00,Mat");

        DbCommands.Outcome first = importFile(db, csv, "--tenant", "demo");

        assertEquals(0, first.exitCode(), first.err());
        Map<String, Item> inserted = items(db);
        assertEquals(new Item(List.of("brand:stride", "category:footwear"), new BigDecimal("89.000000"),
                Instant.parse("2026-01-01T00:00:00Z")), inserted.get("home/sku-1"));
        assertEquals(List.of("a", "b", "c"), inserted.get("default/sku-2").tags());
        assertNotNull(inserted.get("default/sku-2").createdAt(), "a new item without created_at gets the import time");
        assertEquals(new Item(List.of(), new BigDecimal("7.000000"), Instant.parse("2026-01-02T08:00:00Z")), inserted.get("pdp/sku-3"));

        Path jsonl = file("update.jsonl",
                "{\"item_id\":\"sku-1\",\"namespace\":\"home\",\"tags\":[\"New\"]}",
                "{\"item_id\":\"sku-2\",\"tags\":[\"x\"],\"price\":3.25,\"created_at\":\"2025-12-31T00:00:00Z\"}",
                "{\"item_id\":\"sku-4\",\"namespace\":\"home\",\"tags\":[\"y\"]}",
                "{\"item_id\":\"sku-4\",\"namespace\":\"home\",\"tags\":[\"z\"]}");
        DbCommands.Outcome second = importFile(db, jsonl, "--tenant", "demo");

        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("4 lines read, 0 skipped (other namespaces), 3 items upserted"), second.out());
        Map<String, Item> updated = items(db);
        assertEquals(4, updated.size());
        assertEquals(new Item(List.of("new"), new BigDecimal("89.000000"), Instant.parse("2026-01-01T00:00:00Z")),
                updated.get("home/sku-1"), "price and created_at absent from the line are kept");
        assertEquals(new Item(List.of("x"), new BigDecimal("3.250000"), Instant.parse("2025-12-31T00:00:00Z")),
                updated.get("default/sku-2"));
        assertEquals(List.of("z"), updated.get("home/sku-4").tags(), "the item's last line wins");
        assertEquals(inserted.get("pdp/sku-3"), updated.get("pdp/sku-3"));
    }

    @Test
    void namespaceOptionImportsTheRowsContentSimWouldUseForThatSurface(TestDatabase db) throws Exception {
        db.addTenant("demo");
        Path csv = file("catalog.csv", "item_id,namespace,tags", "a,home,t1", "b,,t2", "c,pdp,t3");

        DbCommands.Outcome run = importFile(db, csv, "--namespace", "home");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("3 lines read, 1 skipped"), run.out());
        assertEquals(List.of("home/a", "home/b"), new ArrayList<>(items(db).keySet()));
    }

    @Test
    void theTenantDefaultsToTheOnlyOneAndIsRequiredWhenThereAreSeveral(TestDatabase db) throws Exception {
        Path csv = file("catalog.csv", "item_id,namespace,tags", "a,home,t1");
        db.addTenant("demo");
        assertEquals(0, importFile(db, csv).exitCode());
        assertEquals(1, db.count("SELECT count(*) FROM item_tags"));

        db.addTenant("acme");
        DbCommands.Outcome ambiguous = importFile(db, csv);

        assertEquals(2, ambiguous.exitCode());
        assertTrue(ambiguous.err().contains("--tenant is required"), ambiguous.err());
        DbCommands.Outcome missing = importFile(db, csv, "--tenant", "globex");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("tenant 'globex' not found"), missing.err());
    }
}
