package io.recsys.pipelines.jobs.lines;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.unsafe.types.UTF8String;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;

/** The rows of one task: its splits' lines one after the other, as {@link RawLines#SCHEMA}. */
final class LinePartitionReader implements PartitionReader<InternalRow> {
    private final Iterator<LineSplit> splits;
    private final Configuration conf;
    private final CompressionCodecFactory codecs;
    private final int maxLineBytes;
    private SplitLines current;
    private UTF8String sourceFile;
    private InternalRow row;

    LinePartitionReader(LinePartition partition, Configuration conf, int maxLineBytes) {
        this.splits = partition.splits().iterator();
        this.conf = conf;
        this.codecs = new CompressionCodecFactory(conf);
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            if (current == null) {
                if (!splits.hasNext()) {
                    return false;
                }
                LineSplit split = splits.next();
                current = SplitLines.open(split, conf, codecs, maxLineBytes);
                // As Spark's _metadata.file_path gives it: the path's URI, escaped (file:/a%20b.jsonl).
                sourceFile = UTF8String.fromString(new Path(split.file()).toUri().toString());
            }
            if (current.next()) {
                row = row(current.line());
                return true;
            }
            current.close();
            current = null;
        }
    }

    private InternalRow row(LineScanner line) {
        if (line.tooLong()) {
            String evidence = Utf8Prefix.of(line.keptBytes(), line.keptLength(), RawLines.EVIDENCE_BYTES);
            return new GenericInternalRow(new Object[] {UTF8String.fromString(evidence), sourceFile, line.lineBytes()});
        }
        // Bytes as read, as Spark's text source hands them on: decoding is the parser's business.
        UTF8String value = UTF8String.fromBytes(Arrays.copyOf(line.keptBytes(), line.keptLength()));
        return new GenericInternalRow(new Object[] {value, sourceFile, null});
    }

    @Override
    public InternalRow get() {
        return row;
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
