package io.recsys.pipelines.jobs.lines;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/** Sent to the executors with the read: makes each task's reader. */
final class LineReaderFactory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;
    private final SerializableHadoopConf conf;
    private final int maxLineBytes;

    LineReaderFactory(SerializableHadoopConf conf, int maxLineBytes) {
        this.conf = conf;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        return new LinePartitionReader((LinePartition) partition, conf.get(), maxLineBytes);
    }
}
