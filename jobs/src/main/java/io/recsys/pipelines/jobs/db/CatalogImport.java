package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.catalog.CatalogRow;
import io.recsys.pipelines.common.catalog.CatalogTags;
import io.recsys.pipelines.common.events.Rfc3339;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Upserts catalog rows into item_tags (contract 10) in one transaction: COPY into a temporary
 * table, then INSERT ... ON CONFLICT DO UPDATE, set-based. Tags are normalised as content_sim
 * normalises them (trimmed, lower-cased, de-duplicated), so the service sees the same tags in
 * both modes; rows without tags are kept, with no tags, for their price and created_at. An item
 * listed twice for a namespace takes its last line. A price or created_at missing from a line
 * leaves the stored one as it is; a new item without created_at gets the import time.
 */
final class CatalogImport {
    static final String DEFAULT_NAMESPACE = "default";
    private static final String STAGE = "recsys_stage_item_tags";
    private static final String UPSERT = "WITH latest AS (SELECT DISTINCT ON (namespace, item_id) * FROM " + STAGE
            + " ORDER BY namespace, item_id, ord DESC) "
            + "INSERT INTO item_tags AS t (tenant_id, namespace, item_id, tags, price, created_at, updated_at) "
            + "SELECT ?, namespace, item_id, tags, price, %s, now() FROM latest WHERE created_at IS %s "
            + "ON CONFLICT (tenant_id, namespace, item_id) DO UPDATE SET tags = excluded.tags, "
            + "price = coalesce(excluded.price, t.price), %supdated_at = now()";

    private CatalogImport() {
    }

    /** Lines read, lines of other namespaces skipped, and items upserted. */
    record Result(int read, int skipped, int upserted) {
    }

    /**
     * @param namespace null: each row's namespace, {@value #DEFAULT_NAMESPACE} when empty; else only the
     *                  rows content_sim would use for that surface (namespace empty or equal), all into it
     */
    static Result upsert(Connection connection, UUID tenantId, List<CatalogRow> rows, String namespace)
            throws SQLException {
        return Transactions.inOne(connection, () -> {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TEMP TABLE " + STAGE + " (ord bigint NOT NULL, namespace text NOT NULL, "
                        + "item_id text NOT NULL, tags text[] NOT NULL, price numeric(18,6), created_at timestamptz) "
                        + "ON COMMIT DROP");
            }
            CopyBuffer copy = new CopyBuffer(connection, STAGE, "ord, namespace, item_id, tags, price, created_at");
            int skipped = 0;
            for (CatalogRow row : rows) {
                String ns = namespace == null ? (row.namespace().isEmpty() ? DEFAULT_NAMESPACE : row.namespace())
                        : row.namespace().isEmpty() || row.namespace().equals(namespace) ? namespace : null;
                if (ns == null) {
                    skipped++;
                    continue;
                }
                copy.number(copy.rows()).text(ns).text(row.itemId()).textArray(CatalogTags.normalize(row.tags()))
                        .text(row.price() == null ? null : row.price().toPlainString()).text(utc(row.createdAt())).endRow();
            }
            copy.flush();
            int upserted = upsert(connection, tenantId, "created_at", "NOT NULL", "created_at = excluded.created_at, ")
                    + upsert(connection, tenantId, "now()", "NULL", "");
            return new Result(rows.size(), skipped, upserted);
        });
    }

    /** Lines with and without created_at differ only in what an update does to the stored one. */
    private static int upsert(Connection connection, UUID tenantId, String createdAt, String createdAtIs,
                              String updateCreatedAt) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(String.format(UPSERT, createdAt, createdAtIs, updateCreatedAt))) {
            s.setObject(1, tenantId);
            return s.executeUpdate();
        }
    }

    /** RFC 3339 text as the UTC instant PostgreSQL parses the same way whatever its TimeZone setting. */
    private static String utc(String rfc3339) {
        if (rfc3339 == null) {
            return null;
        }
        long micros = Rfc3339.toEpochMicros(rfc3339);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L).toString();
    }
}
