package io.recsys.pipelines.jobs.db;

import java.sql.Connection;
import java.sql.SQLException;

/** One transaction around some statements: committed whole, or rolled back whole on any failure. */
final class Transactions {
    private Transactions() {
    }

    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /** Leaves the connection in autocommit after a commit; after a failure the caller drops it. */
    static <T> T inOne(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            connection.setAutoCommit(true);
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }
}
