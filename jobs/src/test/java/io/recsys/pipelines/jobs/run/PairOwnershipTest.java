package io.recsys.pipelines.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.pipelines.jobs.testing.Captured;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The (tenant, surface) owns its data: an input that does not hold a pair leaves its canonical rows,
 * aggregates and live version as they were (and the run names it as kept); one pair over its reject
 * budget fails alone; each run keeps its own quarantine, per pair.
 */
@ExtendWith(SharedSpark.class)
class PairOwnershipTest {
    static final String DAY = "2026-01-01";
    @TempDir
    Path tmp;
    Workspace ws;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
    }

    private static String exposure(String tenant, int i) {
        return "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"" + tenant + "\",\"surface\":\"home\","
                + "\"session_id\":\"s" + i + "\",\"item_id\":\"" + tenant.charAt(0) + (i % 7) + "\"}";
    }

    private static List<String> lines(String tenant, int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(exposure(tenant, i));
        }
        return lines;
    }

    private Path input(String name, List<String> lines) {
        return ws.input(name, lines.toArray(String[]::new));
    }

    /** Rows per tenant in a Delta table of the workspace. */
    private Map<String, Long> rowsByTenant(Path table) {
        Map<String, Long> rows = new TreeMap<>();
        for (Row r : SharedSpark.session().read().format("delta").load(table.toString()).groupBy("tenant").count()
                .collectAsList()) {
            rows.put(r.getString(0), r.getLong(1));
        }
        return rows;
    }

    @Test
    void anInputHoldingOneTenantLeavesEveryOtherTenantsDayAsItWasAndNamesItKept() {
        List<String> both = new ArrayList<>(lines("demo", 40));
        both.addAll(lines("acme", 30));
        assertEquals(0, ws.run(DAY, input("both.jsonl", both), null, "--kinds", "popularity"));
        Map<String, Long> aggregatesBefore = rowsByTenant(ws.aggregates().resolve("daily"));
        JsonNode demoLive = ws.pointer("demo", "home");

        List<String> lateAcme = lines("acme", 50);
        String dryRun = Captured.out(() -> assertEquals(0, ws.run(DAY, input("acme.jsonl", lateAcme), null,
                "--kinds", "popularity", "--dry-run")));
        assertTrue(dryRun.contains("kept: not in this input") && dryRun.contains("demo/home"), "the dry run says so too: "
                + dryRun);
        String out = Captured.out(() -> assertEquals(0, ws.run(DAY, input("acme.jsonl", lateAcme), null,
                "--kinds", "popularity")));

        assertEquals(Map.of("acme", 50L, "demo", 40L), rowsByTenant(ws.canonical().resolve("exposures")),
                "demo's canonical rows are untouched; acme's day is replaced");
        Map<String, Long> aggregatesAfter = rowsByTenant(ws.aggregates().resolve("daily"));
        assertEquals(aggregatesBefore.get("demo"), aggregatesAfter.get("demo"), "demo's aggregates are untouched");
        assertEquals(demoLive, ws.pointer("demo", "home"), "demo's live version is unchanged");
        assertEquals(1, ws.historyEntries("demo", "home").size());
        assertEquals(2, ws.historyEntries("acme", "home").size(), "acme's new day was published");
        assertTrue(out.contains("kept: not in this input: 1 (tenant, surface) pair(s)") && out.contains("demo/home"), out);
        JsonNode report = ws.lastReport();
        assertEquals("[\"2026-01-01\"]", report.get("pairs_kept_not_in_input").get("demo/home").toString());
        assertTrue(report.get("warnings").toString().contains("kept: not in this input"), report.toString());
    }

    @Test
    void replaceWholeDaysTakesTheInputAsTheWholeDayForEveryPair() {
        List<String> both = new ArrayList<>(lines("demo", 40));
        both.addAll(lines("acme", 30));
        assertEquals(0, ws.run(DAY, input("both.jsonl", both), null, "--kinds", "popularity"));

        assertEquals(0, ws.run(DAY, input("acme.jsonl", lines("acme", 50)), null, "--kinds", "popularity",
                "--replace-whole-days"));

        assertEquals(Map.of("acme", 50L), rowsByTenant(ws.canonical().resolve("exposures")));
        assertEquals(0, ws.lastReport().get("pairs_kept_not_in_input").size());
    }

    @Test
    void aPairOverItsRejectBudgetFailsAloneAndEveryOtherPairPublishes() {
        List<String> lines = new ArrayList<>(lines("demo", 200));
        lines.addAll(lines("acme", 100));
        for (int i = 0; i < 7; i++) {
            // 7 of acme's 107 lines (6.5%) are bad; 7 of the run's 307 (2.3%): both over the 1% budget.
            lines.add("{\"v\":1,\"ts\":\"not a time\",\"tenant\":\"acme\",\"surface\":\"home\",\"session_id\":\"x\","
                    + "\"item_id\":\"B\"}");
        }
        String dryRun = Captured.err(() -> assertEquals(3, ws.run(DAY, input("day.jsonl", lines), null,
                "--kinds", "popularity", "--dry-run")));
        assertTrue(dryRun.contains("acme/home exit 3") && dryRun.contains("The real run would exit 3"), dryRun);
        assertFalse(ws.hasPointer("demo", "home"), "a dry run writes nothing");

        String err = Captured.err(() -> assertEquals(3, ws.run(DAY, input("day.jsonl", lines), null,
                "--kinds", "popularity")));

        assertTrue(ws.hasPointer("demo", "home"), "demo's clean input is published");
        assertFalse(ws.hasPointer("acme", "home"));
        assertEquals(Map.of("demo", 200L), rowsByTenant(ws.canonical().resolve("exposures")),
                "nothing of acme's was committed");
        assertTrue(err.contains("acme/home exit 3") && err.contains("7 of 107 lines rejected"), err);
        JsonNode report = ws.lastReport();
        assertEquals(3, report.get("exit_code").asInt());
        assertEquals(7, report.get("rejected_by_pair").get("acme/home").get("exposures").get("rejected").asInt());
        assertTrue(report.get("pairs_over_reject_budget").has("acme/home"));
        JsonNode exposures = report.get("events").get("exposures");
        assertEquals(307, exposures.get("lines_read").asInt());
        assertEquals(100, exposures.get("refused_pair_events").asInt());
        assertEquals(200, exposures.get("written").asInt());
    }

    @Test
    void eachRunKeepsItsOwnQuarantinePerPairAndLinesOfNoPairApart() throws Exception {
        List<String> lines = new ArrayList<>(lines("demo", 400));
        lines.add("{\"v\":1,\"ts\":\"not a time\",\"tenant\":\"demo\",\"surface\":\"home\",\"item_id\":\"A\"}");
        lines.add("{not json");
        Path in = input("day.jsonl", lines);
        assertEquals(0, ws.run(DAY, in, null, "--kinds", "popularity"));
        assertEquals(0, ws.run(DAY, in, null, "--kinds", "popularity"));

        Path rejects = ws.canonical().resolve("rejects/exposures");
        List<Path> runs;
        try (Stream<Path> s = Files.list(rejects)) {
            runs = s.filter(p -> p.getFileName().toString().startsWith("run=")).sorted().toList();
        }
        assertEquals(2, runs.size(), "the second run did not overwrite the first's evidence");
        for (Path run : runs) {
            List<Row> rows = SharedSpark.session().read().json(run.toString()).orderBy("reason").collectAsList();
            assertEquals(2, rows.size());
            assertTrue(Files.isDirectory(run.resolve("tenant=demo/surface=home")), run.toString());
            assertTrue(Files.isDirectory(run.resolve("tenant=__HIVE_DEFAULT_PARTITION__")), "lines of no pair apart");
        }
    }

    @Test
    void linesOfNoPairOverTheRunLevelBudgetStopTheWholeRun() {
        List<String> lines = new ArrayList<>(lines("demo", 100));
        lines.add("{not json");
        lines.add("[]");
        String err = Captured.err(() -> assertEquals(3, ws.run(DAY, input("day.jsonl", lines), null,
                "--kinds", "popularity")));
        assertTrue(err.contains("limits.max_unattributed_ratio") && err.contains("2 of 102 lines name no valid tenant"),
                err);
        assertFalse(ws.hasPointer("demo", "home"));
    }

    @Test
    void moreDistinctPairsThanTheLimitStopTheRunBeforeAnythingIsWritten() {
        List<String> lines = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            lines.addAll(lines("t" + t, 2));
        }
        String err = Captured.err(() -> assertEquals(4, ws.run(DAY, input("day.jsonl", lines), null,
                "--kinds", "popularity", "--set", "limits.max_pairs_per_run=3")));
        assertTrue(err.contains("names 4 (tenant, surface) pairs, more than limits.max_pairs_per_run = 3"), err);
        assertFalse(Files.exists(ws.canonical().resolve("exposures")));
    }
}
