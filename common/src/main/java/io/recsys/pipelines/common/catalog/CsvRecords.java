package io.recsys.pipelines.common.catalog;

import io.recsys.pipelines.common.text.GoStrings;
import io.recsys.pipelines.common.errors.PipelineException;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records read with the Go tool's settings ({@code encoding/csv} with
 * {@code TrimLeadingSpace}): comma-separated; a field in double quotes may hold commas, line breaks
 * and doubled quotes; spaces before an opening quote are ignored; a stray quote is an error rather
 * than a guess. Empty and blank lines are skipped. Reads line by line, so messages carry the
 * file's line numbers.
 */
final class CsvRecords {
    private final BufferedReader in;
    private final String source;
    private int lineNumber;
    private int recordLine;
    private String line;
    private int pos;

    CsvRecords(BufferedReader in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The line the record last returned by {@link #next} starts on (1-based). */
    int recordLine() {
        return recordLine;
    }

    /** The next record's fields, as written but for spaces before a quote; {@code null} at the end. */
    List<String> next() throws IOException {
        do {
            if (!readLine()) {
                return null;
            }
        } while (GoStrings.trimSpace(line).isEmpty());
        recordLine = lineNumber;
        pos = 0;
        List<String> fields = new ArrayList<>();
        while (true) {
            fields.add(field());
            if (pos >= line.length()) {
                return fields;
            }
            pos++; // past the comma
        }
    }

    private String field() throws IOException {
        int start = pos;
        while (start < line.length() && GoStrings.isSpace(line.charAt(start))) {
            start++;
        }
        if (start < line.length() && line.charAt(start) == '"') {
            pos = start + 1;
            return quoted();
        }
        int comma = line.indexOf(',', pos);
        int end = comma < 0 ? line.length() : comma;
        int quote = line.indexOf('"', pos);
        if (quote >= 0 && quote < end) {
            throw error(lineNumber, "a double quote inside an unquoted field; quote the whole field "
                    + "and write each quote inside it twice (\"\")");
        }
        String field = line.substring(pos, end);
        pos = end;
        return field;
    }

    /** A quoted field from just after its opening quote, across lines while it stays open. */
    private String quoted() throws IOException {
        StringBuilder field = new StringBuilder();
        while (true) {
            int quote = line.indexOf('"', pos);
            if (quote < 0) {
                field.append(line, pos, line.length()).append('\n');
                if (!readLine()) {
                    throw error(recordLine, "a quoted field is not closed before the end of the file");
                }
                pos = 0;
            } else if (quote + 1 < line.length() && line.charAt(quote + 1) == '"') {
                field.append(line, pos, quote).append('"');
                pos = quote + 2;
            } else {
                field.append(line, pos, quote);
                pos = quote + 1;
                if (pos < line.length() && line.charAt(pos) != ',') {
                    throw error(lineNumber, "text after the closing double quote of a field; "
                            + "a quote inside a quoted field is written twice (\"\")");
                }
                return field.toString();
            }
        }
    }

    private boolean readLine() throws IOException {
        line = in.readLine();
        if (line == null) {
            return false;
        }
        lineNumber++;
        return true;
    }

    PipelineException error(int atLine, String what) {
        return CatalogReader.lineError(source, atLine, what);
    }
}
