package io.recsys.pipelines.common.catalog;

import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.events.Rfc3339;
import io.recsys.pipelines.common.storage.Locations;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a catalog file (CSV or JSONL, told by its extension) into rows in file order, from any
 * Hadoop FileSystem (local paths, file://, s3a://). The catalog is bounded by the number of items
 * for sale, not by traffic, so it is read whole on the driver.
 */
public final class CatalogReader {
    private CatalogReader() {
    }

    /**
     * {@code location} as configured: a path without a scheme is local, relative to the working
     * folder. {@code format} is {@code catalog.format}: csv, jsonl, or empty to go by the extension.
     */
    public static List<CatalogRow> read(String location, String format, Configuration conf) {
        Path path = Locations.resolve(location);
        CatalogFormat resolved = CatalogFormat.resolve(format, path.getName());
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), resolved, path.toString());
        } catch (FileNotFoundException e) {
            throw PipelineException.usage("catalog file " + path + " cannot be opened (" + e.getMessage()
                    + "); set catalog.path to an existing CSV or JSONL file");
        } catch (IOException e) {
            throw PipelineException.storage("cannot read catalog " + path + ": " + e.getMessage(), e);
        }
    }

    /** {@code source} names the input in error messages. */
    public static List<CatalogRow> parse(Reader reader, CatalogFormat format, String source) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        skipByteOrderMark(in);
        return format == CatalogFormat.CSV ? CsvCatalog.read(in, source) : JsonlCatalog.read(in, source);
    }

    /** Spreadsheet exports start with one; it is not part of the first column's name. */
    private static void skipByteOrderMark(BufferedReader in) throws IOException {
        in.mark(1);
        if (in.read() != '\uFEFF') {
            in.reset();
        }
    }

    static String rfc3339OrNull(String text) {
        return text.isEmpty() || Rfc3339.toEpochMicros(text) == Rfc3339.INVALID ? null : text;
    }

    static PipelineException lineError(String source, int line, String what) {
        return PipelineException.usage("catalog " + source + " line " + line + ": " + what);
    }
}
