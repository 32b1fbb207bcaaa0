package io.recsys.pipelines.jobs.lines;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The splits of a file read each of its lines exactly once, whatever the split size: every size from one
 * byte up, over real files with every kind of line break, a byte order mark, blank lines, no final
 * break and a line far over the limit.
 */
class SplitLinesTest {
    private static final Configuration CONF = new Configuration();
    private static final CompressionCodecFactory CODECS = new CompressionCodecFactory(CONF);
    private static final int MAX_LINE_BYTES = 1024;

    @TempDir
    Path tmp;

    @Test
    void everySplitSizeReadsEveryLineOnce() throws IOException {
        String text = LineFiles.assorted() + "\n" + LineFiles.varied(40, 7);
        Path file = LineFiles.write(tmp.resolve("lines.jsonl"), text);
        List<String> expected = LineFiles.expected(text);
        long size = Files.size(file);
        for (long splitBytes = 1; splitBytes <= size + 1; splitBytes++) {
            assertEquals(expected, texts(readInSplits(file, splitBytes)), "split size " + splitBytes);
        }
    }

    @Test
    void aTooLongLineIsOneLineMeasuredNotHeldWhateverTheSplits() throws IOException {
        // The cut at the limit falls inside a three-byte character.
        String longLine = "{\"pad\":\"" + "x".repeat(MAX_LINE_BYTES - 9) + "€".repeat(200) + "\"}";
        String text = "before\n" + longLine + "\r\n" + "after\n";
        Path file = LineFiles.write(tmp.resolve("long.jsonl"), text);
        long longBytes = longLine.getBytes(StandardCharsets.UTF_8).length;
        for (long splitBytes : LongStream.concat(LongStream.rangeClosed(1, 9),
                LongStream.of(97, 1000, 1023, 1024, 1025, 4096, Files.size(file))).toArray()) {
            List<Line> lines = readInSplits(file, splitBytes);
            assertEquals(List.of("before", longLine.substring(0, MAX_LINE_BYTES - 1), "after"), texts(lines),
                    "split size " + splitBytes);
            assertEquals(List.of(-1L, longBytes, -1L), lines.stream().map(Line::tooLongBytes).toList());
        }
    }

    @Test
    void aCompressedFileIsReadWholeFromItsStart() throws IOException {
        String text = LineFiles.assorted();
        Path file = LineFiles.gzip(tmp.resolve("lines.jsonl.gz"), text);
        List<Line> lines = read(LineSplit.wholeStream("file:" + file, Files.size(file)));
        assertEquals(LineFiles.expected(text), texts(lines));
    }

    @Test
    void anEmptyFileHasNoLineAndABreakAloneIsOneBlankLine() throws IOException {
        Path empty = LineFiles.write(tmp.resolve("empty.jsonl"), "");
        assertEquals(List.of(), read(new LineSplit("file:" + empty, 0, 0, false)));
        Path blank = LineFiles.write(tmp.resolve("blank.jsonl"), "\n");
        assertEquals(List.of(""), texts(read(new LineSplit("file:" + blank, 0, 1, false))));
    }

    /** The file cut in ranges of {@code splitBytes}, each read on its own, in order. */
    private static List<Line> readInSplits(Path file, long splitBytes) throws IOException {
        List<Line> lines = new ArrayList<>();
        long size = Files.size(file);
        for (long start = 0; start < size; start += splitBytes) {
            lines.addAll(read(new LineSplit("file:" + file, start, Math.min(splitBytes, size - start), false)));
        }
        return lines;
    }

    private static List<Line> read(LineSplit split) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (SplitLines reader = SplitLines.open(split, CONF, CODECS, MAX_LINE_BYTES)) {
            while (reader.next()) {
                LineScanner line = reader.line();
                assertTrue(line.keptLength() <= MAX_LINE_BYTES);
                String text = line.tooLong()
                        ? Utf8Prefix.of(line.keptBytes(), line.keptLength(), MAX_LINE_BYTES)
                        : new String(line.keptBytes(), 0, line.keptLength(), StandardCharsets.UTF_8);
                lines.add(new Line(text, line.tooLong() ? line.lineBytes() : -1));
            }
            assertFalse(reader.next(), "stays at its end");
        }
        return lines;
    }

    private static List<String> texts(List<Line> lines) {
        return lines.stream().map(Line::text).toList();
    }

    private record Line(String text, long tooLongBytes) {
    }
}
