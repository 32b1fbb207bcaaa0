package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.config.PipelineConfig.DbConfig;
import io.recsys.pipelines.common.errors.PipelineException;
import org.postgresql.Driver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * The PostgreSQL database of DB-only mode: a JDBC URL, the credentials and where it is, as
 * {@code host:port/database}, the only form that reaches messages and logs (never the password).
 */
public record DbTarget(String jdbcUrl, String user, String password, String where, Duration statementTimeout) {
    private static final String JDBC_PREFIX = "jdbc:postgresql:";

    /** From db.url (JDBC or postgres://user:password@host:port/db), db.user and db.password; explicit keys win. */
    public static DbTarget of(DbConfig db) {
        if (db.url().isEmpty()) {
            throw PipelineException.usage("DB mode needs a database: set db.url (jdbc:postgresql://host:5432/db or "
                    + "postgres://user:password@host:5432/db), or the environment variable RECSYS_DB_URL or DATABASE_URL");
        }
        String jdbcUrl = db.url();
        String user = db.user();
        String password = db.password();
        if (isLibpqUrl(jdbcUrl)) {
            LibpqUrl parsed = LibpqUrl.parse(jdbcUrl);
            jdbcUrl = parsed.jdbcUrl();
            user = user.isEmpty() ? parsed.user() : user;
            password = password.isEmpty() ? parsed.password() : password;
        }
        Properties parts = jdbcUrl.startsWith(JDBC_PREFIX) ? Driver.parseURL(jdbcUrl, null) : null;
        if (parts == null) {
            throw PipelineException.usage("db.url is neither a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db) nor a "
                    + "postgres://user:password@host:5432/db URL");
        }
        String where = parts.getProperty("PGHOST") + ":" + parts.getProperty("PGPORT") + "/" + parts.getProperty("PGDBNAME");
        return new DbTarget(jdbcUrl, user, password, where, db.statementTimeout());
    }

    /**
     * A connection in autocommit mode with the configured statement timeout. Through the driver
     * itself rather than DriverManager, which cannot see a driver inside a spark-submit application jar.
     */
    public Connection connect() {
        Properties props = new Properties();
        if (!user.isEmpty()) {
            props.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "recsys-pipelines");
        props.setProperty("connectTimeout", "10");
        props.setProperty("loginTimeout", "20");
        Connection connection = null;
        try {
            connection = new Driver().connect(jdbcUrl, props);
            try (Statement s = connection.createStatement()) {
                s.execute("SET statement_timeout = " + statementTimeout.toMillis());
            }
            return connection;
        } catch (SQLException e) {
            DbFailures.closeQuietly(connection);
            throw PipelineException.storage("cannot connect to PostgreSQL at " + where + (user.isEmpty() ? "" : " as user "
                    + user) + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "). Check db.url, db.user and "
                    + "db.password (RECSYS_DB_URL / DATABASE_URL, RECSYS_DB_USER, RECSYS_DB_PASSWORD); nothing was written.", e);
        }
    }

    /** The password never reaches logs or messages. */
    @Override
    public String toString() {
        return "DbTarget[" + where + ", user=" + user + ", password=***]";
    }

    private static boolean isLibpqUrl(String url) {
        return url.startsWith("postgres://") || url.startsWith("postgresql://");
    }

    /** A libpq/DATABASE_URL-style URL: scheme://[user[:password]@]host[:port][/db][?params]. */
    private record LibpqUrl(String jdbcUrl, String user, String password) {
        static LibpqUrl parse(String url) {
            String rest = url.substring(url.indexOf("://") + 3);
            int end = indexOfAny(rest, "/?");
            String authority = rest.substring(0, end);
            int at = authority.lastIndexOf('@');
            String userInfo = at < 0 ? "" : authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
            // The libpq query parameters pgjdbc also knows (sslmode, ...) pass through as they are.
            return new LibpqUrl(JDBC_PREFIX + "//" + authority.substring(at + 1) + rest.substring(end), user, password);
        }

        private static int indexOfAny(String s, String chars) {
            for (int i = 0; i < s.length(); i++) {
                if (chars.indexOf(s.charAt(i)) >= 0) {
                    return i;
                }
            }
            return s.length();
        }

        /** Percent-decoding only: a '+' in a password is a plus sign, not a space. */
        private static String decode(String s) {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }
}
