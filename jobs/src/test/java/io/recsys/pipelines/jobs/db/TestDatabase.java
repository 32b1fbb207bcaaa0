package io.recsys.pipelines.jobs.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** One fresh database of the test server (see {@link EmbeddedPostgresExtension}), and what tests ask of it. */
public record TestDatabase(int port, String name) {
    public static final String HOST = "localhost";

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + name;
    }

    /** host:port/database, as the pipeline's messages name it. */
    public String where() {
        return HOST + ":" + port + "/" + name;
    }

    /** The settings that point a command at this database, as superuser postgres (trusted, no password). */
    public List<String> setArgs() {
        return List.of("--set", "db.url=" + jdbcUrl(), "--set", "db.user=postgres");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    public UUID addTenant(String externalId) throws SQLException {
        List<List<Object>> rows = query("INSERT INTO tenants (external_id, name) VALUES (?, ?) RETURNING id", externalId, externalId);
        return (UUID) rows.get(0).get(0);
    }

    public long count(String sql, Object... params) throws SQLException {
        return ((Number) query(sql, params).get(0).get(0)).longValue();
    }

    /** item_id -> score of one (tenant external_id, namespace, day). */
    public Map<String, BigDecimal> popularity(String tenant, String namespace, LocalDate day) throws SQLException {
        Map<String, BigDecimal> scores = new TreeMap<>();
        for (List<Object> row : query("SELECT p.item_id, p.score FROM item_popularity_daily p JOIN tenants t ON t.id = p.tenant_id "
                + "WHERE t.external_id = ? AND p.namespace = ? AND p.day = ?", tenant, namespace, day)) {
            scores.put((String) row.get(0), (BigDecimal) row.get(1));
        }
        return scores;
    }

    /** "anchor -> neighbour" -> score of one (tenant external_id, namespace, day). */
    public Map<String, BigDecimal> covisits(String tenant, String namespace, LocalDate day) throws SQLException {
        Map<String, BigDecimal> scores = new TreeMap<>();
        for (List<Object> row : query("SELECT c.item_id, c.neighbor_id, c.score FROM item_covisit_daily c "
                + "JOIN tenants t ON t.id = c.tenant_id WHERE t.external_id = ? AND c.namespace = ? AND c.day = ?",
                tenant, namespace, day)) {
            scores.put(row.get(0) + " -> " + row.get(1), (BigDecimal) row.get(2));
        }
        return scores;
    }

    public List<List<Object>> query(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            if (!s.execute()) {
                return rows;
            }
            try (ResultSet rs = s.getResultSet()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
