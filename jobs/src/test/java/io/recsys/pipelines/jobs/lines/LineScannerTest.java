package io.recsys.pipelines.jobs.lines;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A line of any length is measured and its start kept; Hadoop's LineReader gives up past 2 GiB. */
class LineScannerTest {
    @Test
    void aLineBeyondTwoGibibytesIsMeasuredAndTheNextLineStillRead() throws IOException {
        long longBytes = (1L << 31) + 12_345;
        InputStream in = new SequenceInputStream(new Filler((byte) 'x', longBytes),
                new ByteArrayInputStream("\r\nnext".getBytes(StandardCharsets.UTF_8)));
        LineScanner scanner = new LineScanner(in, 1024);

        assertTrue(scanner.next(Long.MAX_VALUE));
        assertTrue(scanner.tooLong());
        assertEquals(longBytes, scanner.lineBytes());
        assertEquals(longBytes + 2, scanner.consumed());
        assertEquals(1024, scanner.keptLength());
        assertTrue(scanner.next(Long.MAX_VALUE));
        assertEquals("next", new String(scanner.keptBytes(), 0, scanner.keptLength(), StandardCharsets.UTF_8));
        assertFalse(scanner.terminated());
        assertFalse(scanner.next(Long.MAX_VALUE));
    }

    /** {@code remaining} copies of one byte, handed out a buffer at a time, never held. */
    private static final class Filler extends InputStream {
        private final byte value;
        private long remaining;

        Filler(byte value, long remaining) {
            this.value = value;
            this.remaining = remaining;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return value;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            Arrays.fill(b, off, off + n, value);
            remaining -= n;
            return n;
        }
    }
}
