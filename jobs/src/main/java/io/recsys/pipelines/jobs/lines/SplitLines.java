package io.recsys.pipelines.jobs.lines;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CodecPool;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.Decompressor;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of one {@link LineSplit}, through Hadoop's FileSystem (local, s3a, ...). A split that does
 * not start a file skips the line it starts in (the previous split reads it to its end), and a split
 * reads every line starting at or before its end, the last one past it: so the splits of a file share
 * its lines out exactly once. A line may run through many splits; those it covers find no line start
 * in their range and stop after reading their own range once.
 */
final class SplitLines implements Closeable {
    private final InputStream in;
    private final Decompressor decompressor;
    private final LineScanner scanner;
    private final long end;
    private long position;
    private int byteOrderMark;
    private boolean done;

    private SplitLines(InputStream in, Decompressor decompressor, LineScanner scanner, long start, long end) {
        this.in = in;
        this.decompressor = decompressor;
        this.scanner = scanner;
        this.position = start;
        this.end = end;
    }

    /** {@code codecs} tells a compressed file by its extension (.gz, .bz2, ...), as the planner did. */
    static SplitLines open(LineSplit split, Configuration conf, CompressionCodecFactory codecs, int maxLineBytes)
            throws IOException {
        Path path = new Path(split.file());
        CompressionCodec codec = codecs.getCodec(path);
        FSDataInputStream raw = path.getFileSystem(conf).open(path);
        Decompressor decompressor = null;
        try {
            InputStream in;
            if (codec == null) {
                raw.seek(split.start());
                in = raw;
            } else {
                decompressor = CodecPool.getDecompressor(codec);
                in = codec.createInputStream(raw, decompressor);
            }
            SplitLines lines = new SplitLines(in, decompressor, new LineScanner(in, maxLineBytes), split.start(),
                    split.end());
            lines.skipToFirstLine();
            return lines;
        } catch (IOException | RuntimeException e) {
            raw.close();
            if (decompressor != null) {
                CodecPool.returnDecompressor(decompressor);
            }
            throw e;
        }
    }

    private void skipToFirstLine() throws IOException {
        if (position == 0) {
            // Part of the first line, which starts at 0 whatever the split's end.
            byteOrderMark = scanner.skipByteOrderMark();
            return;
        }
        // The first line start after `position`, if it is at or before `end`: never reads further.
        done = !scanner.next(end - position + 1) || !scanner.terminated();
        position += scanner.consumed();
    }

    /** Moves to the next line of this split; false when there is none. */
    boolean next() throws IOException {
        if (done || position > end || !scanner.next(Long.MAX_VALUE)) {
            done = true;
            return false;
        }
        position += byteOrderMark + scanner.consumed();
        byteOrderMark = 0;
        return true;
    }

    /** The current line. */
    LineScanner line() {
        return scanner;
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } finally {
            if (decompressor != null) {
                CodecPool.returnDecompressor(decompressor);
            }
        }
    }
}
