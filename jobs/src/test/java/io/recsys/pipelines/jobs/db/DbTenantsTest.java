package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.recsys.pipelines.jobs.db.DbCommands.exposure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which tenants id rows are written under (contract 10): by external_id, by uuid text, created on demand, or an error. */
@ExtendWith({SharedSpark.class, EmbeddedPostgresExtension.class})
class DbTenantsTest {
    static final LocalDate DAY = LocalDate.parse("2026-01-01");

    private final Workspace ws;

    DbTenantsTest(@TempDir Path tmp) {
        ws = new Workspace(tmp);
    }

    private Path day(String tenant) {
        return ws.input("day.jsonl",
                exposure("2026-01-01T08:00:00Z", tenant, "home", "s1", "A"),
                exposure("2026-01-01T08:00:01Z", tenant, "home", "s1", "B"),
                exposure("2026-01-01T09:00:00Z", tenant, "home", "s2", "A"));
    }

    @Test
    void rowsGoUnderTheTenantWhoseExternalIdIsTheEventsTenant(TestDatabase db) throws Exception {
        UUID demo = db.addTenant("demo");
        db.addTenant("acme");

        assertEquals(0, DbCommands.signals(ws, db, day("demo"), null, "db-signals", "--date", "2026-01-01").exitCode());

        assertEquals(2, db.count("SELECT count(*) FROM item_popularity_daily WHERE tenant_id = ?", demo));
        assertEquals(2, db.count("SELECT count(*) FROM item_popularity_daily"));
        assertEquals(Map.of("A", new BigDecimal("2.000000"), "B", new BigDecimal("1.000000")), db.popularity("demo", "home", DAY));
    }

    @Test
    void aTenantNamedByItsUuidTextResolvesToThatTenant(TestDatabase db) throws Exception {
        UUID id = db.addTenant("Acme Corporation");

        assertEquals(0, DbCommands.signals(ws, db, day(id.toString()), null, "db-signals", "--date", "2026-01-01").exitCode());

        assertEquals(2, db.count("SELECT count(*) FROM item_popularity_daily WHERE tenant_id = ?", id));
        assertEquals(1, db.count("SELECT count(*) FROM tenants"), "no tenant was created");
    }

    @Test
    void aTenantNamedByItsNameInSomeLinesAndByItsUuidInOthersIsOneTenant(TestDatabase db) throws Exception {
        UUID id = db.addTenant("acme");
        Path input = ws.input("day.jsonl",
                exposure("2026-01-01T08:00:00Z", "acme", "home", "s1", "A"),
                exposure("2026-01-01T08:00:01Z", "acme", "home", "s1", "B"),
                exposure("2026-01-01T09:00:00Z", id.toString(), "home", "s2", "A"));

        DbCommands.Outcome run = DbCommands.signals(ws, db, input, null, "db-signals", "--date", "2026-01-01");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Map.of("A", new BigDecimal("2.000000"), "B", new BigDecimal("1.000000")),
                db.popularity("acme", "home", DAY), "both spellings' events counted under the one tenant");
        assertEquals(2, db.count("SELECT count(*) FROM item_popularity_daily WHERE tenant_id = ?", id));
    }

    @Test
    void autoCreateTenantCreatesTheMissingTenantWithExternalIdAndNameEqualToIt(TestDatabase db) throws Exception {
        DbCommands.Outcome run = DbCommands.signals(ws, db, day("newshop"), null, "db-signals", "--date", "2026-01-01",
                "--set", "db.auto_create_tenant=true");

        assertEquals(0, run.exitCode(), run.err());
        List<List<Object>> tenants = db.query("SELECT external_id, name, status FROM tenants");
        assertEquals(List.of(List.of("newshop", "newshop", "active")), tenants);
        assertEquals(2, db.popularity("newshop", "home", DAY).size());
    }

    @Test
    void aMissingTenantFailsWithExit2NamingItAndWritesNothing(TestDatabase db) throws Exception {
        db.addTenant("acme");

        DbCommands.Outcome run = DbCommands.signals(ws, db, day("demo"), null, "db-signals", "--date", "2026-01-01");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("tenant 'demo' not found in table tenants of " + db.where()), run.err());
        assertTrue(run.err().contains("db.auto_create_tenant"), run.err());
        assertEquals(0, db.count("SELECT count(*) FROM item_popularity_daily"));
        assertEquals(0, db.count("SELECT count(*) FROM item_covisit_daily"));
        assertEquals(1, db.count("SELECT count(*) FROM tenants"));
    }

    @Test
    void aNamedMissingTenantFailsBeforeAnyEventIsRead(TestDatabase db) throws Exception {
        DbCommands.Outcome run = DbCommands.signals(ws, db, day("demo"), null, "db-signals", "--date", "2026-01-01",
                "--tenant", "demo");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("tenant 'demo' not found"), run.err());
        assertFalse(Files.exists(ws.canonical()), "canonicalization never started");
    }
}
