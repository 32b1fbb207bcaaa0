package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.config.PipelineConfig.DbConfig;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.recsys.pipelines.jobs.db.DbCommands.exposure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database the run cannot use stops it in seconds, before Spark reads an event: exit 7 naming host
 * and database (never the password) when it is unreachable or refuses the login, exit 2 when the
 * tables are missing or the command line asks for artifact-only options.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class DbConnectionFailureTest {
    @TempDir
    Path tmp;
    Workspace ws;
    Path input;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
        input = ws.input("day.jsonl", exposure("2026-01-01T08:00:00Z", "demo", "home", "s1", "A"));
    }

    private DbCommands.Outcome signals(String... settings) {
        List<String> args = new ArrayList<>(List.of("db-signals", "--date", "2026-01-01"));
        args.addAll(ws.storageArgs());
        args.addAll(List.of("--set", "input.exposures=" + input));
        for (String setting : settings) {
            args.addAll(List.of("--set", setting));
        }
        return DbCommands.main(args);
    }

    @Test
    void wrongPasswordExits7NamingHostAndDatabaseButNotThePassword(TestDatabase db) {
        DbCommands.Outcome run = signals("db.url=" + db.jdbcUrl(), "db.user=" + EmbeddedPostgresExtension.SECURED_USER,
                "db.password=wrong-secret");

        assertEquals(7, run.exitCode());
        assertTrue(run.err().contains("cannot connect to PostgreSQL at " + db.where()), run.err());
        assertTrue(run.err().contains("password authentication failed"), run.err());
        assertFalse(run.err().contains("wrong-secret") || run.out().contains("wrong-secret"));
        assertFalse(Files.exists(ws.canonical()), "nothing was written");
    }

    @Test
    void aDatabaseUrlWithTheRightPasswordLogsIn(TestDatabase db) throws Exception {
        String url = "postgres://" + EmbeddedPostgresExtension.SECURED_USER + ":" + EmbeddedPostgresExtension.SECURED_PASSWORD
                + "@" + db.where() + "?sslmode=disable";
        DbTarget target = DbTarget.of(new DbConfig(false, url, "", "", Duration.ofSeconds(5), 10, false));

        assertEquals(db.where(), target.where());
        try (Connection c = target.connect()) {
            assertTrue(c.isValid(2));
        }
    }

    @Test
    void unreachableDatabaseExits7NamingHostAndDatabase() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DbCommands.Outcome run = signals("db.url=postgres://someone:hunter2@127.0.0.1:" + closedPort + "/signals");

        assertEquals(7, run.exitCode());
        assertTrue(run.err().contains("cannot connect to PostgreSQL at 127.0.0.1:" + closedPort + "/signals as user someone"),
                run.err());
        assertFalse(run.err().contains("hunter2"), run.err());
        assertFalse(Files.exists(ws.canonical()), "nothing was written");
    }

    @Test
    void missingTablesExit2PointingAtTheSchema(@EmbeddedPostgresExtension.WithoutSchema TestDatabase db) {
        DbCommands.Outcome run = signals("db.url=" + db.jdbcUrl(), "db.user=postgres");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("relation \"tenants\" does not exist"), run.err());
        assertTrue(run.err().contains("conf/db/schema.sql"), run.err());
        assertFalse(Files.exists(ws.canonical()));
    }

    @Test
    void runModeDbRefusesArtifactOnlyOptions(TestDatabase db) {
        List<String> args = new ArrayList<>(List.of("run", "--mode", "db", "--date", "2026-01-01", "--window-days", "7"));
        args.addAll(db.setArgs());
        DbCommands.Outcome run = DbCommands.main(args);

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--window-days"), run.err());
    }
}
