package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.jobs.spark.SparkSessions;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Usage errors answer at once and read the same everywhere (issue 14, point 5): one "error:" line, a
 * pointer to the command's help, the exit-code footer; no usage dump, no exception class, no Spark.
 */
class UsageErrorsTest {
    static final String FOOTER = "exit code 2 (usage or configuration error)";

    @TempDir
    Path tmp;
    Workspace ws;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
        ws.input("2026-01-01.jsonl",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}");
    }

    /** What a command printed and returned. */
    record Outcome(int code, String out, String err, long millis) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Outcome execute(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBuffer = new ByteArrayOutputStream();
        ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBuffer, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBuffer, true, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        int code;
        try {
            code = Main.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        Outcome outcome = new Outcome(code, outBuffer.toString(StandardCharsets.UTF_8),
                errBuffer.toString(StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000);
        out.print(outcome.out());
        err.print(outcome.err());
        return outcome;
    }

    private Outcome run(String... args) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(Arrays.asList(args));
        all.addAll(ws.storageArgs());
        all.addAll(List.of("--set", "input.exposures=" + tmp.resolve("input/{date}.jsonl"), "--set", "input.outcomes="));
        return execute(all.toArray(String[]::new));
    }

    /** Exactly three lines: the error, the help pointer, the footer. */
    private static void assertPlainUsageError(Outcome o, String errorStart, String command) {
        assertEquals(2, o.code(), o.err());
        List<String> lines = o.errLines();
        assertEquals(3, lines.size(), o.err());
        assertTrue(lines.get(0).startsWith("error: " + errorStart), o.err());
        assertEquals("usage: see `recsys-pipelines" + (command.isEmpty() ? "" : " " + command) + " --help`", lines.get(1));
        assertEquals(FOOTER, lines.get(2));
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(o.err().contains("java."), o.err());
    }

    @Test
    void aBadDateSaysWhatIsWrongWithoutAStackOfUsage() {
        Outcome o = execute("run", "--date", "2026-13-01");

        assertPlainUsageError(o, "--date: '2026-13-01' is not a day of the form YYYY-MM-DD", "run");
        assertTrue(o.err().contains("MonthOfYear"), o.err());
    }

    @Test
    void aDayThatDoesNotExistIsRefusedToo() {
        assertPlainUsageError(execute("db-signals", "--date", "2026-02-30"), "--date: '2026-02-30' is not a day",
                "db-signals");
    }

    @Test
    void unknownOptionsAndMissingArgumentsReadTheSame() {
        assertPlainUsageError(execute("run", "--bogus"), "Unknown option: '--bogus'", "run");
        assertPlainUsageError(execute("manifest", "show", "--tenant", "t"), "Missing required argument", "manifest show");
        assertPlainUsageError(execute("generate", "--out", tmp.toString(), "--events", "many"), "--events: 'many' is not a long",
                "generate");
        assertPlainUsageError(execute(), "a command is required", "");
    }

    @Test
    void errorsFoundByTheCommandEndWithTheSameFooter() {
        assertPlainUsageError(run("--end", "2026-01-02"), "--end needs --start", "run");
        assertPlainUsageError(run("--date", "2026-01-01", "--set", "limits.max_itemz=3"), "", "run");
    }

    @Test
    void rangeLimitAndCatalogErrorsComeBeforeSparkStarts() {
        run("--date", "2026-01-01", "--window-days", "0"); // warms up config loading
        int sessions = SparkSessions.openedCount();

        Outcome reversed = run("--start", "2026-01-05", "--end", "2026-01-01");
        Outcome window = run("--date", "2026-01-01", "--window-days", "0");
        Outcome catalog = run("--date", "2026-01-01", "--kinds", "content_sim");
        Outcome limit = run("--start", "2026-01-01", "--end", "2026-01-07", "--set", "limits.max_days_backfill=3");

        assertPlainUsageError(reversed, "--start 2026-01-05 is after --end 2026-01-01", "run");
        assertPlainUsageError(window, "--window-days must be >= 1", "run");
        assertPlainUsageError(catalog, "artifact kind content_sim needs a catalog", "run");
        assertEquals(4, limit.code(), limit.err());
        assertTrue(limit.err().contains("limits.max_days_backfill = 3"), limit.err());
        assertTrue(limit.err().endsWith("exit code 4 (a configured limit was exceeded)\n"), limit.err());
        assertEquals(sessions, SparkSessions.openedCount(), "no SparkSession was opened");
        assertFalse(Files.exists(ws.reports()), "nothing ran, so no run report");
        assertFalse(Files.exists(ws.canonical()));
        for (Outcome o : List.of(reversed, window, catalog, limit)) {
            assertTrue(o.millis() < 1000, o.millis() + " ms");
        }
    }

    @Test
    void anIncrementalRunWithNothingToDoReadsTheCheckpointsWithoutSpark() throws Exception {
        Path checkpoint = ws.registry().resolve("checkpoints/demo/home.json");
        Files.createDirectories(checkpoint.getParent());
        Files.writeString(checkpoint, "{\"last_published_day\":\"2026-01-04\",\"run_id\":\"r\"}\n");
        int sessions = SparkSessions.openedCount();

        Outcome o = run("--incremental", "--end", "2026-01-04");

        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("nothing to do: every (tenant, surface) in scope is published up to 2026-01-04"), o.out());
        assertEquals(sessions, SparkSessions.openedCount(), "no SparkSession was opened");
        assertTrue(ws.lastReport().get("nothing_to_do").asBoolean(), "the run still leaves its report");
        assertEquals(0, ws.lastReport().get("exit_code").asInt());
    }

    @Test
    void theFirstIncrementalRunWithoutStartIsAUsageErrorBeforeSpark() {
        int sessions = SparkSessions.openedCount();

        assertPlainUsageError(run("--incremental", "--end", "2026-01-04"), "no publish checkpoint", "run");
        assertEquals(sessions, SparkSessions.openedCount());
    }

    @Test
    void helpPrintsNoFormattingWarning() {
        Outcome o = execute("generate", "--help");

        assertEquals(0, o.code());
        assertTrue(o.out().contains("~1%"), o.out());
        assertEquals("", o.err());
    }
}
