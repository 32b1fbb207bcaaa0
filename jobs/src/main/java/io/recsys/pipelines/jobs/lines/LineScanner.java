package io.recsys.pipelines.jobs.lines;

import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts a byte stream into lines the way Hadoop's LineReader (and so Spark's text source) does: a line
 * ends at {@code \n}, {@code \r\n} or a lone {@code \r}, and the last one needs no terminator. Unlike
 * LineReader it keeps at most {@code maxLineBytes} of a line and measures the rest in a {@code long}:
 * a longer line is consumed to its end and reported as too long, however big it is (LineReader fails
 * past 2 GiB, and Spark's text source holds the whole line). Memory: one read buffer and one line
 * buffer of at most {@code maxLineBytes}, reused for every line.
 */
final class LineScanner {
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final int FIRST_LINE_BUFFER_BYTES = 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[READ_BUFFER_BYTES];
    private int position;
    private int limit;
    private byte[] line;
    private int kept;
    private long lineBytes;
    private long consumed;
    private boolean terminated;

    LineScanner(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.line = new byte[Math.min(maxLineBytes, FIRST_LINE_BUFFER_BYTES)];
    }

    /**
     * Before the first line of a file: skips a UTF-8 byte order mark, as Hadoop's LineRecordReader does,
     * and returns the bytes skipped (0 or 3).
     */
    int skipByteOrderMark() throws IOException {
        while (limit < 3 && fillMore()) {
            // a stream may hand out fewer than three bytes per read
        }
        if (limit >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF) {
            position += 3;
            return 3;
        }
        return 0;
    }

    /**
     * Reads the next line, consuming at most {@code budget} bytes before its terminator is found (the
     * terminator's second byte may go one past). Returns false when the stream has no byte left; otherwise
     * the line's bytes, length and what it consumed are available until the next call.
     */
    boolean next(long budget) throws IOException {
        kept = 0;
        lineBytes = 0;
        consumed = 0;
        terminated = false;
        while (consumed < budget) {
            if (position == limit && !fill()) {
                return consumed > 0;
            }
            long room = budget - consumed;
            int stop = room < limit - position ? position + (int) room : limit;
            int at = position;
            while (at < stop && buffer[at] != '\n' && buffer[at] != '\r') {
                at++;
            }
            keep(at - position);
            consumed += at - position;
            position = at;
            if (at < stop) {
                byte end = buffer[at];
                position++;
                consumed++;
                terminated = true;
                if (end == '\r' && (position < limit || fill()) && buffer[position] == '\n') {
                    position++;
                    consumed++;
                }
                return true;
            }
        }
        return true;
    }

    /** The line's first bytes: all of them unless it is {@link #tooLong()}, then the first {@code maxLineBytes}. */
    byte[] keptBytes() {
        return line;
    }

    int keptLength() {
        return kept;
    }

    /** The line's length in bytes, its terminator not counted. */
    long lineBytes() {
        return lineBytes;
    }

    boolean tooLong() {
        return lineBytes > maxLineBytes;
    }

    /** Bytes the last {@link #next} took from the stream, terminator included. */
    long consumed() {
        return consumed;
    }

    /** Whether the last {@link #next} ended at a terminator (not at the end of the stream or of its budget). */
    boolean terminated() {
        return terminated;
    }

    /** Counts {@code n} bytes at {@code position} as the line's and copies what fits under the limit. */
    private void keep(int n) {
        lineBytes += n;
        int take = Math.min(n, maxLineBytes - kept);
        if (take <= 0) {
            return;
        }
        if (kept + take > line.length) {
            byte[] bigger = new byte[(int) Math.min(maxLineBytes, Math.max(2L * line.length, kept + take))];
            System.arraycopy(line, 0, bigger, 0, kept);
            line = bigger;
        }
        System.arraycopy(buffer, position, line, kept, take);
        kept += take;
    }

    /** Refills the empty buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        position = 0;
        limit = 0;
        return fillMore();
    }

    /** Appends to the buffer (which has room) what one read gives; false at the end of the stream. */
    private boolean fillMore() throws IOException {
        int n;
        do {
            n = in.read(buffer, limit, buffer.length - limit);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }
}
