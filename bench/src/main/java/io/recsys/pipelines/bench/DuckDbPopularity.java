package io.recsys.pipelines.bench;

import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.run.TenantSurface;

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
     */
    static String query(List<String> files, DateWindow window, int maxItems) {
        String fileList = files.stream().map(f -> literal(f.replaceFirst("^file:", ""))).collect(Collectors.joining(", "));
        String start = literal(window.startInstant().toString());
        String end = literal(window.endExclusiveInstant().toString());
        return """
                WITH raw AS (
                  SELECT * FROM read_json([%s], format = 'newline_delimited', ignore_errors = true,
                    columns = {v: 'JSON', ts: 'VARCHAR', tenant: 'JSON', surface: 'JSON', session_id: 'JSON',
                               item_id: 'JSON', user_id: 'JSON', request_id: 'JSON', rank: 'JSON'})
                ),
                normalized AS (
                  SELECT %s AS tenant, %s AS surface, %s AS session_id, %s AS item_id,
                         %s AS user_id, %s AS request_id,
                         coalesce(try_cast(rank AS BIGINT), 0) AS rank,
                         CASE WHEN regexp_full_match(ts, %s) THEN try_cast(ts AS TIMESTAMPTZ) END AS ts,
                         raw.user_id AS raw_user_id, raw.request_id AS raw_request_id, rank AS rank_json, v
                  FROM raw
                ),
                accepted AS (
                  SELECT DISTINCT tenant, surface, session_id, item_id, user_id, request_id, rank, ts
                  FROM normalized
                  WHERE json_type(v) = 'UBIGINT' AND v::UBIGINT = 1
                    AND ts >= %s::TIMESTAMPTZ AND ts < %s::TIMESTAMPTZ
                    AND tenant IS NOT NULL AND %s
                    AND surface IS NOT NULL AND %s
                    AND session_id IS NOT NULL AND item_id IS NOT NULL
                    AND %s AND %s
                    AND (rank_json IS NULL OR (json_type(rank_json) IN ('UBIGINT', 'BIGINT')
                         AND try_cast(rank_json AS BIGINT) BETWEEN 0 AND 2147483647))
                )
                SELECT tenant, surface, item_id, count(*) AS count
                FROM accepted
                GROUP BY tenant, surface, item_id
                QUALIFY row_number() OVER (PARTITION BY tenant, surface ORDER BY count(*) DESC, item_id) <= %d
                ORDER BY tenant, surface, count DESC, item_id
                """.formatted(fileList, id("tenant"), id("surface"), id("session_id"), id("item_id"),
                id("user_id"), id("request_id"), literal(RFC3339), start, end,
                pathSegment("tenant"), pathSegment("surface"),
                stringOrNull("raw_user_id"), stringOrNull("raw_request_id"), maxItems);
    }

    /** The trimmed string, or null when absent, null, blank or not a JSON string (then a type check rejects it). */
    private static String id(String field) {
        return "nullif(trim(CASE WHEN json_type(raw.%s) = 'VARCHAR' THEN raw.%s->>'$' END, %s), '')"
                .formatted(field, field, literal(GO_SPACE));
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
