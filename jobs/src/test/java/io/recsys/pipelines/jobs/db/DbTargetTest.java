package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.config.PipelineConfig.DbConfig;
import io.recsys.pipelines.common.errors.PipelineException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The db.* settings: defaults, DATABASE_URL-style URLs turned into JDBC, and passwords kept out of every message. */
class DbTargetTest {
    private static DbTarget target(String url, String user, String password) {
        return DbTarget.of(new DbConfig(false, url, user, password, Duration.ofSeconds(60), 100_000, false));
    }

    @Test
    void aPostgresUrlBecomesJdbcWithItsDecodedCredentials() {
        DbTarget t = target("postgres://svc:p%40ss+w%3Ard@db.internal:6543/recsys?sslmode=require", "", "");

        assertEquals("jdbc:postgresql://db.internal:6543/recsys?sslmode=require", t.jdbcUrl());
        assertEquals("svc", t.user());
        assertEquals("p@ss+w:rd", t.password());
        assertEquals("db.internal:6543/recsys", t.where());
    }

    @Test
    void explicitUserAndPasswordWinOverTheUrls() {
        DbTarget t = target("postgresql://url-user:url-pass@localhost/recsys", "operator", "s3cret");

        assertEquals("operator", t.user());
        assertEquals("s3cret", t.password());
        assertEquals("localhost:5432/recsys", t.where(), "the default port is named");
    }

    @Test
    void aJdbcUrlIsTakenAsItIs() {
        DbTarget t = target("jdbc:postgresql://pg:5433/signals", "app", "pw");

        assertEquals("jdbc:postgresql://pg:5433/signals", t.jdbcUrl());
        assertEquals("pg:5433/signals", t.where());
    }

    @Test
    void passwordsNeverAppearInToString() {
        DbTarget t = target("postgres://svc:topsecret@h/db", "", "");
        DbConfig config = new DbConfig(false, "postgres://svc:topsecret@h/db", "", "topsecret", Duration.ofSeconds(1), 1, false);

        assertFalse(t.toString().contains("topsecret"), t.toString());
        assertFalse(config.toString().contains("topsecret"), config.toString());
    }

    @Test
    void aMissingOrForeignUrlIsAUsageError() {
        PipelineException missing = assertThrows(PipelineException.class, () -> target("", "", ""));
        assertEquals(2, missing.exitCode().code());
        assertTrue(missing.getMessage().contains("RECSYS_DB_URL or DATABASE_URL"), missing.getMessage());

        PipelineException foreign = assertThrows(PipelineException.class, () -> target("mysql://h/db", "", ""));
        assertEquals(2, foreign.exitCode().code());
    }

    @Test
    void dbDefaultsAndModeComeFromTheConfig() {
        PipelineConfig defaults = ConfigLoader.load(null, List.of());
        assertFalse(defaults.db().runWritesDb());
        assertEquals(100_000, defaults.db().maxItemsPerDay());
        assertEquals(Duration.ofSeconds(60), defaults.db().statementTimeout());
        assertFalse(defaults.db().autoCreateTenant());

        PipelineConfig db = ConfigLoader.load(null, List.of("mode=db", "db.statement_timeout=5m", "db.max_items_per_day=10"));
        assertTrue(db.db().runWritesDb());
        assertEquals(Duration.ofMinutes(5), db.db().statementTimeout());
        assertEquals(10, db.db().maxItemsPerDay());
    }

    @Test
    void badDbSettingsFailNamingTheKey() {
        PipelineException mode = assertThrows(PipelineException.class, () -> ConfigLoader.load(null, List.of("mode=dbx")));
        assertTrue(mode.getMessage().contains("'mode' must be artifacts or db"), mode.getMessage());
        PipelineException timeout = assertThrows(PipelineException.class,
                () -> ConfigLoader.load(null, List.of("db.statement_timeout=soon")));
        assertTrue(timeout.getMessage().contains("db.statement_timeout"), timeout.getMessage());
        PipelineException cap = assertThrows(PipelineException.class, () -> ConfigLoader.load(null, List.of("db.max_items_per_day=0")));
        assertTrue(cap.getMessage().contains("db.max_items_per_day"), cap.getMessage());
    }
}
