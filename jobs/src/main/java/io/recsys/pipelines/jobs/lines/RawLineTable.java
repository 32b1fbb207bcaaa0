package io.recsys.pipelines.jobs.lines;

import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.Set;

/** The input files of one read, as a table Spark can scan in batch. */
final class RawLineTable implements SupportsRead {
    private final LineReadOptions options;

    RawLineTable(LineReadOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "raw lines of " + options.files().size() + " file(s)";
    }

    /** Abstract on Spark 3.5; deprecated for columns() from 4.0, whose default still reads it. */
    @Override
    @SuppressWarnings("deprecation")
    public StructType schema() {
        return RawLines.SCHEMA;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return Set.of(TableCapability.BATCH_READ);
    }

    /** {@code scanOptions} are those the table was made from, already read. */
    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
        return () -> new RawLineScan(options);
    }
}
