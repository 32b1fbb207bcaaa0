package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.errors.PipelineException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows for one {@code COPY table (columns) FROM STDIN (FORMAT csv)}, sent in chunks of about
 * {@link #CHUNK_CHARS}: memory holds one chunk whatever the row count, and each COPY statement is
 * short, so that statement_timeout bounds it and never the time Spark takes to produce the rows.
 * Every value is quoted, so an empty string stays an empty string; {@code null} is SQL NULL.
 */
final class CopyBuffer {
    static final int CHUNK_CHARS = 4 << 20;

    private final CopyManager copy;
    private final String sql;
    private final StringBuilder chunk = new StringBuilder();
    private int fieldsInRow;
    private long rows;
    private long nanos;

    CopyBuffer(Connection connection, String table, String columns) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        this.sql = "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)";
    }

    CopyBuffer text(String value) {
        separate();
        if (value != null) {
            quote(value);
        }
        return this;
    }

    CopyBuffer number(long value) {
        separate();
        chunk.append(value);
        return this;
    }

    /** A text[] value written as an array literal: {"a","b"}. */
    CopyBuffer textArray(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (String v : values) {
            literal.append(literal.length() > 1 ? "," : "").append('"')
                    .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return text(literal.append('}').toString());
    }

    void endRow() throws SQLException {
        chunk.append('\n');
        fieldsInRow = 0;
        rows++;
        if (chunk.length() >= CHUNK_CHARS) {
            flush();
        }
    }

    /** Sends what is buffered; call once more after the last row. */
    void flush() throws SQLException {
        if (chunk.length() == 0) {
            return;
        }
        long start = System.nanoTime();
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        chunk.setLength(0);
        CopyIn in = copy.copyIn(sql);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        nanos += System.nanoTime() - start;
    }

    long rows() {
        return rows;
    }

    /** Time spent in COPY statements, not in producing the rows. */
    long nanos() {
        return nanos;
    }

    private void separate() {
        if (fieldsInRow++ > 0) {
            chunk.append(',');
        }
    }

    private void quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw PipelineException.inputRejected("the value '" + value.replace("\0", "\\u0000") + "' contains a NUL "
                    + "character, which PostgreSQL text cannot hold");
        }
        chunk.append('"');
        int from = 0;
        for (int q = value.indexOf('"'); q >= 0; q = value.indexOf('"', from)) {
            chunk.append(value, from, q + 1).append('"');
            from = q + 1;
        }
        chunk.append(value, from, value.length()).append('"');
    }
}
