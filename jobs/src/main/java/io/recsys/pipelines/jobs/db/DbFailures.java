package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * SQL failures as exit codes. A statement the database refuses for its schema or rights (SQLSTATE
 * class 42: missing table or column, no privilege) is a setup error the operator fixes (exit 2); a
 * value the columns cannot hold (class 22: a price over numeric(18,6)) or rows that break a
 * constraint (class 23: a duplicate key) is bad input (exit 3), which no retry cures; anything else, a lost connection, a timeout, a server error, is the database failing (exit 7),
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
        if (state.startsWith("23")) {
            // A constraint the rows break (a duplicate key, a missing reference) breaks it again on a retry.
            return new PipelineException(ExitCode.INPUT_REJECTED, what + "; the transaction it was in was rolled back. "
                    + "A retry writes the same rows and fails the same way: check the rows against the table's "
                    + "constraints (a tenant named by its name in some lines and by its uuid in others is one tenant "
                    + "twice).", e);
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
