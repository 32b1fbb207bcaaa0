package io.recsys.pipelines.jobs.lines;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Map;

/**
 * The raw lines of input files, one row per line, with no line ever held whole past
 * {@code limits.max_line_bytes} (contract 1.3). Spark's text source holds a whole line in memory (a
 * newline-free gzip of gigabytes included), and its only bound silently skips the long lines; here a
 * longer line becomes one row marked too long, so it is counted and quarantined like any bad line.
 *
 * <p>Lines are cut as Spark's text source cuts them ({@code \n}, {@code \r\n} or {@code \r}; a UTF-8
 * byte order mark at the start of a file dropped; a blank line is a row), files of any Hadoop
 * FileSystem (local, s3a), compressed ones by extension (.gz, .bz2, ...). Tasks are planned as Spark
 * plans its file sources, from {@code spark.sql.files.maxPartitionBytes} and
 * {@code spark.sql.files.openCostInBytes}: a big file spreads over many tasks, small files share one;
 * a compressed file is read whole by one task.
 */
public final class RawLines {
    /** The line; of a too-long line, its first {@link #EVIDENCE_BYTES} bytes (whole characters). */
    public static final String VALUE = "value";
    /** The file's URI, as Spark's {@code _metadata.file_path} gives it. */
    public static final String SOURCE_FILE = "source_file";
    /** Null for a line within the limit; for a longer one, its length in bytes (terminator not counted). */
    public static final String TOO_LONG_BYTES = "too_long_bytes";
    public static final StructType SCHEMA = new StructType()
            .add(VALUE, DataTypes.StringType, false)
            .add(SOURCE_FILE, DataTypes.StringType, false)
            .add(TOO_LONG_BYTES, DataTypes.LongType, true);
    /** How much of a too-long line is kept, as evidence in the rejects. */
    public static final int EVIDENCE_BYTES = 1024;

    private RawLines() {
    }

    /** @param files each file (a Hadoop path string, as listed) with its size in bytes when listed */
    public static Dataset<Row> read(SparkSession spark, Map<String, Long> files, int maxLineBytes) {
        return read(spark, new LineReadOptions(files, maxLineBytes, SplitSizes.of(spark)));
    }

    static Dataset<Row> read(SparkSession spark, LineReadOptions options) {
        return spark.read().format(RawLineSource.class.getName()).options(options.toOptions()).load();
    }
}
