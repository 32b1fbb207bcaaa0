package io.recsys.pipelines.jobs.lines;

import java.io.Serializable;

/**
 * A byte range of one file whose lines one task reads: those starting in (start, start + length], or
 * from 0 when start is 0 (the classic rule of Hadoop's LineRecordReader, so that the splits of a file
 * read each of its lines exactly once). A compressed file is one split: its whole stream.
 *
 * @param file   the file as listed (a Hadoop path string)
 * @param length bytes of the range on disk (of a compressed file, its size)
 */
record LineSplit(String file, long start, long length, boolean compressed) implements Serializable {
    static LineSplit wholeStream(String file, long bytes) {
        return new LineSplit(file, 0, bytes, true);
    }

    /** The last offset (in the stream read) at which a line of this split may start. */
    long end() {
        return compressed ? Long.MAX_VALUE : start + length;
    }
}
