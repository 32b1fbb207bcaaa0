package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.Row;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Replaces days of item_popularity_daily and item_covisit_daily (contract 10) over one connection.
 *
 * <p>A day's rows are first COPYed into this session's temporary staging tables, in autocommit
 * and in bounded chunks while Spark produces them, so no transaction stays open during Spark work.
 * Then one short transaction per day locks each (tenant, namespace, day) it replaces (an advisory
 * lock: a concurrent run of the same day waits instead of failing on the primary key), deletes
 * their rows from both tables and inserts the staged ones, set-based. A reader in READ COMMITTED
 * sees each day before or after that commit, never in between; a failure rolls it back whole.
 * Every (tenant, namespace) in {@code pairs} is replaced, also with no rows: stale rows go.
 */
final class DailySignalTables {
    private static final String STAGE_POPULARITY = "recsys_stage_popularity";
    private static final String STAGE_COVISIT = "recsys_stage_covisit";
    private static final String PAIRS = "unnest(?::uuid[], ?::text[]) AS p(tenant_id, namespace)";
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended("
            + "p.tenant_id::text || '/' || p.namespace || '/' || ?::text, 0)) FROM " + PAIRS;
    private static final String[] REPLACE = {
            "DELETE FROM item_popularity_daily t USING " + PAIRS
                    + " WHERE t.tenant_id = p.tenant_id AND t.namespace = p.namespace AND t.day = ?",
            "INSERT INTO item_popularity_daily (tenant_id, namespace, item_id, day, score, updated_at) "
                    + "SELECT tenant_id, namespace, item_id, ?, score, now() FROM " + STAGE_POPULARITY,
            "DELETE FROM item_covisit_daily t USING " + PAIRS
                    + " WHERE t.tenant_id = p.tenant_id AND t.namespace = p.namespace AND t.day = ?",
            "INSERT INTO item_covisit_daily (tenant_id, namespace, item_id, neighbor_id, day, score, updated_at) "
                    + "SELECT tenant_id, namespace, item_id, neighbor_id, ?, score, now() FROM " + STAGE_COVISIT};

    private final Connection connection;

    /** Rows written per pair for one day. */
    record PairRows(long popularity, long covisits) {
    }

    /** One replaced day: rows per pair, and the time spent in the database (COPY and the transaction). */
    record DayLoad(LocalDate day, Map<TenantSurface, PairRows> rows, long dbNanos) {
        long totalRows() {
            return rows.values().stream().mapToLong(r -> r.popularity() + r.covisits()).sum();
        }

        long rowsPerSecond() {
            return dbNanos == 0 ? 0 : Math.round(totalRows() * 1e9 / dbNanos);
        }
    }

    /** Creates the session's staging tables: temporary, so they vanish with the connection, never in the operator's schema. */
    DailySignalTables(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS " + STAGE_POPULARITY
                    + " (tenant_id uuid NOT NULL, namespace text NOT NULL, item_id text NOT NULL, score numeric(18,6) NOT NULL)");
            s.execute("CREATE TEMP TABLE IF NOT EXISTS " + STAGE_COVISIT + " (tenant_id uuid NOT NULL, namespace text NOT NULL, "
                    + "item_id text NOT NULL, neighbor_id text NOT NULL, score numeric(18,6) NOT NULL)");
        }
    }

    /**
     * @param pairs       the (tenant, surface) pairs to replace and their tenant ids
     * @param popularity  rows tenant, surface, item_id, count
     * @param covisits    rows tenant, surface, item_id, neighbor_id, count
     */
    DayLoad replace(LocalDate day, Map<TenantSurface, UUID> pairs, Iterator<Row> popularity, Iterator<Row> covisits)
            throws SQLException {
        long start = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.execute("TRUNCATE " + STAGE_POPULARITY + ", " + STAGE_COVISIT);
        }
        long setup = System.nanoTime() - start;
        Map<TenantSurface, long[]> counts = new TreeMap<>();
        pairs.keySet().forEach(pair -> counts.put(pair, new long[2]));
        CopyBuffer popularityCopy = new CopyBuffer(connection, STAGE_POPULARITY, "tenant_id, namespace, item_id, score");
        stage(popularityCopy, popularity, pairs, counts, 0);
        CopyBuffer covisitCopy = new CopyBuffer(connection, STAGE_COVISIT, "tenant_id, namespace, item_id, neighbor_id, score");
        stage(covisitCopy, covisits, pairs, counts, 1);
        long replaceStart = System.nanoTime();
        replaceInOneTransaction(day, pairs);
        long dbNanos = setup + popularityCopy.nanos() + covisitCopy.nanos() + System.nanoTime() - replaceStart;
        Map<TenantSurface, PairRows> rows = new TreeMap<>();
        counts.forEach((pair, n) -> rows.put(pair, new PairRows(n[0], n[1])));
        return new DayLoad(day, rows, dbNanos);
    }

    private static void stage(CopyBuffer copy, Iterator<Row> rows, Map<TenantSurface, UUID> pairs,
                              Map<TenantSurface, long[]> counts, int kind) throws SQLException {
        while (rows.hasNext()) {
            Row row = rows.next();
            TenantSurface pair = new TenantSurface(row.getString(0), row.getString(1));
            UUID tenantId = pairs.get(pair);
            if (tenantId == null) {
                throw new IllegalStateException("a row of " + pair + " is not among the pairs being replaced " + pairs.keySet());
            }
            copy.text(tenantId.toString()).text(pair.surface());
            for (int i = 2; i < row.length() - 1; i++) {
                copy.text(row.getString(i));
            }
            copy.number(row.getLong(row.length() - 1)).endRow();
            counts.get(pair)[kind]++;
        }
        copy.flush();
    }

    private void replaceInOneTransaction(LocalDate day, Map<TenantSurface, UUID> pairs) throws SQLException {
        Array tenantIds = connection.createArrayOf("uuid", pairs.values().toArray());
        Array namespaces = connection.createArrayOf("text", pairs.keySet().stream().map(TenantSurface::surface).toArray());
        Transactions.inOne(connection, () -> {
            try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
                lock.setString(1, day.toString());
                lock.setArray(2, tenantIds);
                lock.setArray(3, namespaces);
                lock.executeQuery().close();
            }
            for (String sql : REPLACE) {
                try (PreparedStatement s = connection.prepareStatement(sql)) {
                    int p = 1;
                    if (sql.startsWith("DELETE")) {
                        s.setArray(p++, tenantIds);
                        s.setArray(p++, namespaces);
                    }
                    s.setObject(p, day);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }
}
