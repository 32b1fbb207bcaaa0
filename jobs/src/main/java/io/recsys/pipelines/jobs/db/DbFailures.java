package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * SQL failures as exit codes. A statement the database refuses for its schema or rights (SQLSTATE
 * class 42: missing table or column, no privilege) is a setup error the operator fixes (exit 2); a
 * value the columns cannot hold (class 22: a price over numeric(18,6)) is bad input (exit 3);
 * anything else, a lost connection, a timeout, a server error, is the database failing (exit 7),
 * which a retry may cure. Messages name host, port and database, never the password.
 */
final class DbFailures {
    private DbFailures() {
    }

    static PipelineException of(DbTarget target, String action, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String what = "PostgreSQL at " + target.where() + ": " + action + " failed: " + e.getMessage() + " (SQLSTATE " + state + ")";
        if (state.startsWith("42")) {
            return new PipelineException(ExitCode.USAGE, what + ". The tables of conf/db/schema.sql must exist and db.user "
                    + "needs SELECT on tenants, INSERT and DELETE on the signal tables and TEMP on the database.", e);
        }
        if (state.startsWith("22")) {
            return new PipelineException(ExitCode.INPUT_REJECTED, what + "; the transaction it was in was rolled back.", e);
        }
        return PipelineException.storage(what, e);
    }

    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already failing; the first error is the one to report.
        }
    }
}
