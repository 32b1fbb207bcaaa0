package io.recsys.pipelines.bench;

import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.common.pair.TenantSurface;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The popularity top N of raw exposure JSONL computed by DuckDB in this process: what a user would
 * write on one machine instead of Spark. The filters are the contract 1.1 rules as far as SQL can
 * say them (see {@link #query}); the known gaps are listed in docs/performance.md.
 */
final class DuckDbPopularity implements AutoCloseable {
    /** Go's unicode.IsSpace, the set {@code strings.TrimSpace} removes (GoStrings.isSpace). */
    private static final String GO_SPACE = " \t\n\u000B\f\r\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
            + "\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000";
    /** RFC 3339 with an offset: the ranges a cast would let through (hour 24) are spelt out. */
    private static final String RFC3339 =
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";

    private final Connection connection;

    DuckDbPopularity() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    String version() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT version()")) {
            r.next();
            return r.getString(1);
        }
    }

    int threads() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT current_setting('threads')")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** Top {@code maxItems} items per (tenant, surface) by exposures, unweighted. */
    Map<TenantSurface, List<ItemCount>> topN(List<String> files, DateWindow window, int maxItems) throws SQLException {
        Map<TenantSurface, List<ItemCount>> byPair = new TreeMap<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(query(files, window, maxItems))) {
            while (r.next()) {
                byPair.computeIfAbsent(new TenantSurface(r.getString(1), r.getString(2)), k -> new ArrayList<>())
                        .add(new ItemCount(r.getString(3), r.getLong(4)));
            }
        }
        return byPair;
    }

    /**
     * Fields whose JSON type matters (v, rank, the ids) are read as JSON and checked with
     * json_type: read as VARCHAR, a number would be turned into a string and pass. A malformed or
     * non-object line comes back as a row of nulls (ignore_errors) and fails the v check.
     *
     * <p>The normalized values are MATERIALIZED before they are filtered: DuckDB's filter pushdown
     * copies a derived column's expression into every condition that uses it, and the JSON
     * extraction and trim, copied four times per field, made the query three times slower (measured
     * on 1M lines: 4.8 s of CPU without, 3.2 s with; the same query without the type checks, 2.1 s).
     */
    static String query(List<String> files, DateWindow window, int maxItems) {
        String fileList = files.stream().map(f -> literal(f.replaceFirst("^file:", ""))).collect(Collectors.joining(", "));
        return """
                WITH strings AS (
                  SELECT %s, %s, %s, %s, %s, %s,
                         CASE WHEN regexp_full_match(ts, %s) THEN try_cast(ts AS TIMESTAMPTZ) END AS ts,
                         coalesce(try_cast(rank AS BIGINT), 0) AS rank
                  FROM read_json([%s], format = 'newline_delimited', ignore_errors = true,
                    columns = {v: 'JSON', ts: 'VARCHAR', tenant: 'JSON', surface: 'JSON', session_id: 'JSON',
                               item_id: 'JSON', user_id: 'JSON', request_id: 'JSON', rank: 'JSON'})
                  WHERE json_type(v) = 'UBIGINT' AND v::UBIGINT = 1
                    AND %s AND %s
                    AND (rank IS NULL OR json_type(rank) = 'NULL' OR (json_type(rank) IN ('UBIGINT', 'BIGINT')
                         AND try_cast(rank AS BIGINT) BETWEEN 0 AND 2147483647))
                ),
                normalized AS MATERIALIZED (
                  SELECT %s AS tenant, %s AS surface, %s AS session_id, %s AS item_id, %s AS user_id,
                         %s AS request_id, rank, ts
                  FROM strings
                ),
                accepted AS (
                  SELECT DISTINCT tenant, surface, session_id, item_id, user_id, request_id, rank, ts
                  FROM normalized
                  WHERE ts >= %s::TIMESTAMPTZ AND ts < %s::TIMESTAMPTZ
                    AND tenant IS NOT NULL AND %s
                    AND surface IS NOT NULL AND %s
                    AND session_id IS NOT NULL AND item_id IS NOT NULL
                )
                SELECT tenant, surface, item_id, count(*) AS count
                FROM accepted
                GROUP BY tenant, surface, item_id
                QUALIFY row_number() OVER (PARTITION BY tenant, surface ORDER BY count(*) DESC, item_id) <= %d
                ORDER BY tenant, surface, count DESC, item_id
                """.formatted(string("tenant"), string("surface"), string("session_id"), string("item_id"),
                string("user_id"), string("request_id"), literal(RFC3339), fileList,
                stringOrNull("user_id"), stringOrNull("request_id"),
                trimmed("tenant"), trimmed("surface"), trimmed("session_id"), trimmed("item_id"), trimmed("user_id"),
                trimmed("request_id"), literal(window.startInstant().toString()),
                literal(window.endExclusiveInstant().toString()), pathSegment("tenant"), pathSegment("surface"), maxItems);
    }

    /** The JSON string's value; null when absent, null or another JSON type. */
    private static String string(String field) {
        return "CASE WHEN json_type(%s) = 'VARCHAR' THEN %s->>'$' END AS %s".formatted(field, field, field);
    }

    /**
     * Go's TrimSpace, null when blank. trim() with a character list costs about 0.8 us of CPU a
     * value, so it only runs on a value that starts or ends with one of them.
     */
    private static String trimmed(String column) {
        String spaces = literal(GO_SPACE);
        return "nullif(CASE WHEN contains(%s, left(%s, 1)) OR contains(%s, right(%s, 1)) THEN trim(%s, %s) ELSE %s END, '')"
                .formatted(spaces, column, spaces, column, column, spaces, column);
    }

    /** An optional id is absent, null or a string; any other JSON type rejects the line. */
    private static String stringOrNull(String column) {
        return "(%s IS NULL OR json_type(%s) IN ('VARCHAR', 'NULL'))".formatted(column, column);
    }

    /** Tenant and surface become folder names: no separators, control characters, "." or "..". */
    private static String pathSegment(String column) {
        return "NOT regexp_matches(%s, '[/\\\\\\x00-\\x1f\\x7f]') AND %s NOT IN ('.', '..')".formatted(column, column);
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
