package io.recsys.pipelines.jobs.lines;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;

/**
 * Plans the read on the driver: the tasks from the listed sizes ({@link SplitPlanner}), and the
 * reader factory that carries the driver's Hadoop settings to them.
 */
final class RawLineScan implements Scan, Batch {
    private final LineReadOptions options;
    private final Configuration conf;

    RawLineScan(LineReadOptions options) {
        this.options = options;
        // The settings the input was listed with (InputResolver uses the same, as does the rest of the run).
        this.conf = SparkSession.active().sparkContext().hadoopConfiguration();
    }

    @Override
    public StructType readSchema() {
        return RawLines.SCHEMA;
    }

    @Override
    public String description() {
        return "RawLines[" + options.files().size() + " file(s), max_line_bytes=" + options.maxLineBytes() + "]";
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
        return SplitPlanner.plan(options.files(), file -> codecs.getCodec(new Path(file)) != null, options.sizes())
                .stream().map(LinePartition::new).toArray(InputPartition[]::new);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new LineReaderFactory(new SerializableHadoopConf(new Configuration(conf)), options.maxLineBytes());
    }
}
