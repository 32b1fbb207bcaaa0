package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.errors.PipelineException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The service's tenant ids for the tenant names in the data (contract 10): looked up by
 * {@code external_id}, or by {@code id} when the name is a uuid; created on demand only when
 * {@code db.auto_create_tenant} is on. A missing tenant is a setup error (exit 2): the events are
 * valid, the database lacks the tenant, and a retry will not add it.
 */
final class Tenants {
    private static final String FIND = "SELECT id FROM tenants WHERE external_id = ? OR id = ? "
            + "ORDER BY external_id = ? DESC LIMIT 1";
    // Status as a literal, so it also fits a service schema where status is an enum.
    private static final String CREATE = "INSERT INTO tenants (id, external_id, name, status, created_at, updated_at) "
            + "VALUES (gen_random_uuid(), ?, ?, 'active', now(), now()) ON CONFLICT (external_id) DO NOTHING";

    private Tenants() {
    }

    /** Every tenant's id; fails naming all missing tenants before anything is written, unless auto-creating. */
    static Map<String, UUID> resolve(Connection c, DbTarget target, Collection<String> tenants, boolean autoCreate)
            throws SQLException {
        Map<String, UUID> ids = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (String tenant : tenants) {
            Optional<UUID> id = find(c, tenant);
            if (id.isEmpty() && autoCreate) {
                id = create(c, tenant);
            }
            id.ifPresentOrElse(uuid -> ids.put(tenant, uuid), () -> missing.add(tenant));
        }
        if (!missing.isEmpty()) {
            throw missing(target, missing);
        }
        return ids;
    }

    static Optional<UUID> find(Connection c, String tenant) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FIND)) {
            s.setString(1, tenant);
            UUID asId = parseUuid(tenant);
            if (asId == null) {
                s.setNull(2, Types.OTHER);
            } else {
                s.setObject(2, asId);
            }
            s.setString(3, tenant);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** The one tenant of a single-tenant database; empty when there are none or several. */
    static Optional<String> onlyTenant(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT external_id FROM tenants LIMIT 2");
             ResultSet rs = s.executeQuery()) {
            String first = rs.next() ? rs.getString(1) : null;
            return first != null && !rs.next() ? Optional.of(first) : Optional.empty();
        }
    }

    static PipelineException missing(DbTarget target, List<String> tenants) {
        String names = String.join("', '", tenants);
        return PipelineException.usage("tenant" + (tenants.size() > 1 ? "s '" : " '") + names + "' not found in table tenants "
                + "of " + target.where() + " (looked up by external_id, and by id for a uuid): register "
                + (tenants.size() > 1 ? "them" : "it") + " (INSERT INTO tenants (external_id, name) VALUES ('" + tenants.get(0)
                + "', '" + tenants.get(0) + "')) or set db.auto_create_tenant=true. Nothing was written to the database.");
    }

    /** Racing creators are fine: the loser's insert does nothing and both read the winner's id. */
    private static Optional<UUID> create(Connection c, String tenant) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CREATE)) {
            s.setString(1, tenant);
            s.setString(2, tenant);
            s.executeUpdate();
        }
        return find(c, tenant);
    }

    private static UUID parseUuid(String s) {
        try {
            return s.length() == 36 ? UUID.fromString(s) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
