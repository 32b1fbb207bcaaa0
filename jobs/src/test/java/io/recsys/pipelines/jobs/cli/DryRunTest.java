package io.recsys.pipelines.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One plan, two modes (issue 14, point 1): on the same state a dry run decides what the real run
 * then does, pair by pair, in the same words, and writes nothing unless asked for a report.
 */
@ExtendWith(SharedSpark.class)
class DryRunTest {
    static final List<String> TENANTS = List.of("demo", "acme", "globex");

    @TempDir
    Path tmp;
    Workspace ws;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp.resolve("ws"));
        for (int day = 2; day <= 3; day++) {
            List<String> lines = new ArrayList<>();
            for (String tenant : TENANTS) {
                lines.add(event(day, tenant, "s1", "A"));
                lines.add(event(day, tenant, "s2", "B" + day));
            }
            ws.input("2026-01-0" + day + ".jsonl", lines.toArray(String[]::new));
        }
    }

    private static String event(int day, String tenant, String session, String item) {
        return "{\"v\":1,\"ts\":\"2026-01-0" + day + "T12:00:00Z\",\"tenant\":\"" + tenant + "\",\"surface\":\"home\","
                + "\"session_id\":\"" + session + "\",\"item_id\":\"" + item + "\"}";
    }

    private UsageErrorsTest.Outcome run(String... args) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(Arrays.asList(args));
        all.addAll(ws.storageArgs());
        all.addAll(List.of("--set", "input.exposures=" + ws.dir().resolve("input/{date}.jsonl"), "--set", "input.outcomes=",
                "--kinds", "popularity"));
        return UsageErrorsTest.execute(all.toArray(String[]::new));
    }

    @Test
    void theDryRunDecidesWhatTheRealRunDoesPairByPairInTheSameWords() throws IOException {
        assertEquals(0, run("--date", "2026-01-03", "--tenant", "acme").code()); // acme's live manifest is of a later day
        assertEquals(0, run("--date", "2026-01-02", "--tenant", "demo").code()); // demo's is this day's already
        // globex has never been published.
        List<String> before = files();
        Path dryReport = tmp.resolve("dry-report.json");

        UsageErrorsTest.Outcome dry = run("--date", "2026-01-02", "--dry-run", "--report", dryReport.toString());

        assertEquals(0, dry.code(), dry.err());
        assertEquals(before, files(), "a dry run writes nothing in the workspace, not even a report or metrics");
        UsageErrorsTest.Outcome real = run("--date", "2026-01-02");
        assertEquals(0, real.code(), real.err());

        Map<String, String> expected = Map.of("demo/home", "unchanged, already live", "acme/home", "recorded, not live",
                "globex/home", "published");
        expected.forEach((pair, word) -> {
            assertTrue(dry.out().contains(pair + " 2026-01-02: " + word), pair + " in the dry run:\n" + dry.out());
            assertTrue(real.out().contains(pair + " 2026-01-02: " + word), pair + " in the real run:\n" + real.out());
        });
        JsonNode dryJson = Workspace.readJson(dryReport);
        assertEquals(statuses(ws.lastReport().get("published")), statuses(dryJson.get("decisions")));
        assertEquals(Map.of("acme/home", "newer_live", "demo/home", "unchanged", "globex/home", "published"),
                statuses(dryJson.get("decisions")));
        assertSnakeCase(dryJson, "");
        String progress = dryJson.get("stages").get("canonicalize").get("exposures").asText();
        assertFalse(progress.matches(".*\\d+ written.*"), "a dry run's log does not say written: " + progress);
    }

    @Test
    void aVersionARollbackRejectedIsRefusedByBothModes() {
        assertEquals(0, run("--date", "2026-01-02", "--tenant", "demo").code());
        ws.input("2026-01-02.jsonl", event(2, "demo", "s1", "A"), event(2, "demo", "s2", "C"));
        assertEquals(0, run("--date", "2026-01-02", "--tenant", "demo").code());
        assertEquals(0, UsageErrorsTest.execute(manifestArgs("rollback", "--tenant", "demo", "--surface", "home",
                "--to", "1", "--reason", "bad export")).code());

        UsageErrorsTest.Outcome dry = run("--date", "2026-01-02", "--tenant", "demo", "--dry-run");
        UsageErrorsTest.Outcome real = run("--date", "2026-01-02", "--tenant", "demo");

        assertEquals(5, dry.code(), dry.err());
        assertTrue(dry.out().contains("demo/home 2026-01-02: refused"), dry.out());
        assertTrue(dry.out().contains("rejected by rollback entry 3"), dry.out());
        assertEquals(5, real.code(), real.err());
        assertTrue(real.err().contains("rejected by rollback entry 3"), real.err());
    }

    private String[] manifestArgs(String... args) {
        List<String> all = new ArrayList<>(List.of("manifest"));
        all.addAll(Arrays.asList(args));
        all.addAll(List.of("--set", "storage.registry=" + ws.registry(), "--set", "storage.objectstore=" + ws.objectstore()));
        return all.toArray(String[]::new);
    }

    private static Map<String, String> statuses(JsonNode list) {
        Map<String, String> statuses = new TreeMap<>();
        for (JsonNode p : list) {
            statuses.put(p.get("tenant").asText() + "/" + p.get("surface").asText(), p.get("status").asText());
        }
        return statuses;
    }

    private static void assertSnakeCase(JsonNode node, String path) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                // Stage names ("dry run: publish 2026-01-02"), table names ("canonical/exposures") and gate details
                // are values of a kind, not keys of the format.
                boolean named = path.endsWith("stages") || path.endsWith("events_by_pair") || path.endsWith("gates")
                        || path.endsWith("tables");
                assertTrue(named || e.getKey().matches("[a-z0-9_]+"), "key " + path + "." + e.getKey());
                assertSnakeCase(e.getValue(), path + "." + e.getKey());
            }
        } else if (node.isArray()) {
            node.forEach(child -> assertSnakeCase(child, path));
        }
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.walk(ws.dir())) {
            return files.filter(Files::isRegularFile).map(p -> ws.dir().relativize(p) + " " + p.toFile().lastModified())
                    .sorted().toList();
        }
    }
}
