package io.recsys.pipelines.jobs.lines;

import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw line source against real files in a real session: the lines and file names Spark's text
 * source gives (the reader it replaces), tasks that scale with the input, and a too-long line as one
 * marked row between its neighbours.
 */
@ExtendWith(SharedSpark.class)
class RawLinesTest {
    private static final int MAX_LINE_BYTES = 1024;

    @TempDir
    Path tmp;

    @Test
    void sameLinesAndFileNamesAsSparksTextSource(SparkSession spark) {
        String text = LineFiles.assorted();
        Path plain = LineFiles.write(tmp.resolve("with space.jsonl"), text);
        Path gzip = LineFiles.gzip(tmp.resolve("lines.jsonl.gz"), text);
        Path empty = LineFiles.write(tmp.resolve("empty.jsonl"), "");

        Dataset<Row> lines = RawLines.read(spark, LineFiles.listed(plain, gzip, empty), MAX_LINE_BYTES);
        Dataset<Row> sparkText = spark.read().text(plain.toString(), gzip.toString(), empty.toString())
                .select(col("value"), col("_metadata.file_path").as(RawLines.SOURCE_FILE));

        assertEquals(sorted(sparkText), sorted(lines.select(RawLines.VALUE, RawLines.SOURCE_FILE)));
        assertEquals(2 * LineFiles.expected(text).size(), lines.count());
        assertEquals(0, lines.filter(col(RawLines.TOO_LONG_BYTES).isNotNull()).count());
    }

    @Test
    void tinySplitsMakeManyTasksAndEveryLineIsReadOnce(SparkSession spark) {
        String text = LineFiles.varied(200, 11);
        Path file = LineFiles.write(tmp.resolve("varied.jsonl"), text);
        Path gzip = LineFiles.gzip(tmp.resolve("varied.jsonl.gz"), text);
        SplitSizes tiny = new SplitSizes(64, 0, 2);

        Dataset<Row> lines = RawLines.read(spark, new LineReadOptions(LineFiles.listed(file, gzip), MAX_LINE_BYTES, tiny));

        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        assertEquals((bytes + 63) / 64 + 1, lines.rdd().getNumPartitions(), "64-byte splits, and the gzip whole");
        List<String> expected = new ArrayList<>(LineFiles.expected(text));
        expected.addAll(LineFiles.expected(text));
        assertEquals(expected.stream().sorted().toList(),
                lines.select(RawLines.VALUE).collectAsList().stream().map(r -> r.getString(0)).sorted().toList());
    }

    @Test
    void smallFilesShareATaskAndABigOneSpreads(SparkSession spark) {
        List<Path> small = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            small.add(LineFiles.write(tmp.resolve("small-" + i + ".jsonl"), "a\nb\n"));
        }
        Path big = LineFiles.write(tmp.resolve("big.jsonl"), LineFiles.varied(2000, 3));
        SplitSizes sizes = new SplitSizes(16 * 1024, 100, 1);

        assertEquals(1, RawLines.read(spark, new LineReadOptions(LineFiles.listed(small.toArray(Path[]::new)),
                MAX_LINE_BYTES, sizes)).rdd().getNumPartitions());
        Dataset<Row> bigLines = RawLines.read(spark, new LineReadOptions(LineFiles.listed(big), MAX_LINE_BYTES, sizes));
        assertTrue(bigLines.rdd().getNumPartitions() >= 4, "a file of 80 KB in tasks of 16 KB");
    }

    @Test
    void aTooLongLineIsOneMarkedRowWithItsStartAndLength(SparkSession spark) {
        String longLine = "{\"v\":1,\"pad\":\"" + "y".repeat(5000) + "\"}";
        String text = "{\"before\":1}\n" + longLine + "\n{\"after\":1}\n";
        Path file = LineFiles.write(tmp.resolve("long.jsonl"), text);

        List<Row> rows = RawLines.read(spark, new LineReadOptions(LineFiles.listed(file), MAX_LINE_BYTES,
                new SplitSizes(512, 0, 2))).collectAsList();

        assertEquals(3, rows.size(), rows.toString());
        assertEquals("{\"before\":1}", rows.get(0).getString(0));
        assertTrue(rows.get(0).isNullAt(2));
        assertEquals(longLine.substring(0, RawLines.EVIDENCE_BYTES), rows.get(1).getString(0));
        assertEquals(longLine.length(), rows.get(1).getLong(2));
        assertEquals("{\"after\":1}", rows.get(2).getString(0));
        assertTrue(rows.get(2).isNullAt(2));
    }

    private static List<String> sorted(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(r -> r.getString(1) + " | " + r.getString(0)).sorted().toList();
    }
}
