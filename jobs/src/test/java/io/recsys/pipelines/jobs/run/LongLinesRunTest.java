package io.recsys.pipelines.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;
import io.recsys.pipelines.jobs.canonicalize.Canonicalizer;
import io.recsys.pipelines.jobs.canonicalize.ParsedEvents;
import io.recsys.pipelines.jobs.input.InputResolver;
import io.recsys.pipelines.jobs.input.ResolvedInput;
import io.recsys.pipelines.jobs.testing.Captured;
import io.recsys.pipelines.jobs.testing.ChildRun;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lines of 64 MB (one in a plain file between valid lines, one a gzip file without any line break) are
 * rejected as line_too_long, counted exactly, charged to the run-level budget, and never held whole:
 * the run's read and parse get through them in a heap that Spark's text source runs out of.
 */
@ExtendWith(SharedSpark.class)
class LongLinesRunTest {
    private static final String DAY = "2026-01-01";
    private static final long LONG_LINE_BYTES = 64L << 20;
    /** Too small for a 64 MB line held as Spark's text source holds it (measured: OutOfMemoryError), enough for Spark. */
    private static final String SMALL_HEAP = "300m";
    private static final String EVENT = "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\","
            + "\"session_id\":\"s1\",\"item_id\":\"%s\"";
    private static final List<String> VALID = List.of(event("A") + "}", event("B") + "}", event("C") + "}");

    @TempDir
    Path tmp;
    Workspace ws;
    Path input;

    @BeforeEach
    void setUp() throws IOException {
        ws = new Workspace(tmp);
        input = Files.createDirectories(tmp.resolve("input"));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(input.resolve("day.jsonl")))) {
            out.write((VALID.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
            // A valid event but for its size: the old reader accepted it, after holding it whole.
            writePaddedEvent(out, "LONG", LONG_LINE_BYTES);
            out.write(("\r\n" + VALID.get(1) + "\n" + VALID.get(2)).getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input.resolve("no-line-break.jsonl.gz")))) {
            writePaddedEvent(out, "GZ", LONG_LINE_BYTES);
        }
    }

    @Test
    void withinTheUnattributedBudgetTheValidLinesAreCommitted() {
        assertEquals(0, ws.run(DAY, input, null, "--kinds", "popularity", "--set", "limits.max_unattributed_ratio=0.4"));

        assertCounts(ws.lastReport());
        List<String> items = DailyRunTest.delta(ws.canonical().resolve("exposures")).select("item_id")
                .collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
        assertEquals(List.of("A", "B", "C"), items);
        assertRejectsKeepTheStartAndLength();
    }

    /**
     * The run's own read and parse in a heap that cannot hold one of the lines as Spark's text source
     * does (there it fails with OutOfMemoryError): every line is still counted, under its reason.
     */
    @Test
    void theLinesAreCountedInAHeapTooSmallToHoldOne() throws Exception {
        // Spark refuses to start under 450 MB of heap unless told how much memory to plan with.
        ChildRun child = ChildRun.start(tmp, SMALL_HEAP, Map.of("spark.testing.memory", "536870912"),
                ParseInSmallHeap.class, List.of(input.toString()));

        assertEquals(0, child.await(), child.output());
        assertTrue(child.output().contains("parsed: {accepted=3, line_too_long=2}"), child.output());
    }

    @Test
    void overTheUnattributedBudgetTheRunStopsWithExit3AndCommitsNothing() {
        String err = Captured.err(() -> assertEquals(3, ws.run(DAY, input, null, "--kinds", "popularity")));

        assertTrue(err.contains("line_too_long=2"), err);
        assertEquals("failed", ws.lastReport().get("status").asText());
        assertCounts(ws.lastReport());
        assertFalse(Files.exists(ws.canonical().resolve("exposures")), "nothing committed");
        assertRejectsKeepTheStartAndLength();
    }

    private static void assertCounts(JsonNode report) {
        JsonNode exposures = report.get("events").get("exposures");
        assertEquals(5, exposures.get("lines_read").asInt(), exposures.toString());
        assertEquals(2, exposures.get("rejected").asInt(), exposures.toString());
        assertEquals(2, exposures.get("rejected_by_reason").get("line_too_long").asInt(), exposures.toString());
        assertEquals(1, exposures.get("rejected_by_reason").size(), exposures.toString());
    }

    private void assertRejectsKeepTheStartAndLength() {
        List<Path> runs = Workspace.list(ws.canonical().resolve("rejects/exposures"));
        assertEquals(1, runs.size(), runs.toString());
        List<Row> rejects = SharedSpark.session().read().json(runs.get(0).toString()).orderBy("source_file")
                .collectAsList();
        assertEquals(2, rejects.size());
        for (Row reject : rejects) {
            assertEquals("line_too_long", reject.getAs("reason"));
            assertEquals(LONG_LINE_BYTES, (long) reject.<Long>getAs("line_bytes"));
            String raw = reject.getAs("raw");
            assertEquals(1024, raw.length());
            assertTrue(raw.startsWith(event(raw.contains("\"GZ\"") ? "GZ" : "LONG")), raw.substring(0, 200));
        }
        assertTrue(rejects.get(0).<String>getAs("source_file").endsWith("/input/day.jsonl"));
        assertTrue(rejects.get(1).<String>getAs("source_file").endsWith("/input/no-line-break.jsonl.gz"));
    }

    /** Reads a folder of exposures as a run does (its line reader, its parser) and prints the lines by reason. */
    static final class ParseInSmallHeap {
        public static void main(String[] args) {
            PipelineConfig config = ConfigLoader.load(null, List.of("input.exposures=" + args[0]));
            SparkSession spark = SharedSpark.session();
            ResolvedInput input = new InputResolver(spark.sparkContext().hadoopConfiguration())
                    .resolve("exposures", args[0], List.of());
            Map<String, Long> byReason = new TreeMap<>();
            for (Row row : Canonicalizer.parse(CanonicalizeStage.readLines(spark, input, config), EventType.EXPOSURE,
                    config.identifiers()).groupBy(ParsedEvents.REJECT_REASON).count().collectAsList()) {
                byReason.put(row.isNullAt(0) ? "accepted" : row.getString(0), row.getLong(1));
            }
            System.out.println("parsed: " + byReason);
            spark.stop();
        }
    }

    private static String event(String item) {
        return String.format(EVENT, item);
    }

    /** An event of exactly {@code bytes} bytes (no line break), padded by an unknown key; streamed, never built. */
    private static void writePaddedEvent(OutputStream out, String item, long bytes) throws IOException {
        byte[] head = (event(item) + ",\"pad\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] chunk = new byte[1 << 16];
        Arrays.fill(chunk, (byte) 'x');
        out.write(head);
        for (long left = bytes - head.length - tail.length; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        out.write(tail);
    }
}
