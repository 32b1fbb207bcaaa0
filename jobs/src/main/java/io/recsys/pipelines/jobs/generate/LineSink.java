package io.recsys.pipelines.jobs.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JSON Lines file written in large chunks: lines are gathered in one reused StringBuilder and
 * written out a quarter of a megabyte at a time. Encoding a whole chunk at once is two array
 * copies for ASCII text, far cheaper than a Writer's encoder per line.
 */
final class LineSink implements Closeable {
    private static final int CHUNK_CHARS = 1 << 18;

    private final OutputStream out;
    private final StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 1024);

    LineSink(Path file) throws IOException {
        out = Files.newOutputStream(file);
    }

    /** Writes {@code line} and a {@code \n}; the caller may reuse {@code line} right away. */
    void writeLine(StringBuilder line) throws IOException {
        chunk.append(line).append('\n');
        if (chunk.length() >= CHUNK_CHARS) {
            flushChunk();
        }
    }

    private void flushChunk() throws IOException {
        out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
        chunk.setLength(0);
    }

    @Override
    public void close() throws IOException {
        try {
            flushChunk();
        } finally {
            out.close();
        }
    }
}
