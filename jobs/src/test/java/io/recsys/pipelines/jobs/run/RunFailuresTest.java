package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.jobs.testing.Captured;
import io.recsys.pipelines.jobs.cli.Main;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures exit with their documented code, say what is wrong, and change nothing that is live. */
@ExtendWith(SharedSpark.class)
class RunFailuresTest {
    static final String GOOD = "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}";
    static final String GOOD_B = "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"B\"}";

    @TempDir
    Path tmp;
    Workspace ws;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
    }

    @Test
    void overBudgetRejectsExit3AndLeaveLiveManifestAndCanonicalDataAsTheyWere() throws Exception {
        Path input = ws.input("day.jsonl", GOOD);
        assertEquals(0, ws.run("2026-01-01", input, null));
        byte[] pointer = Files.readAllBytes(ws.registry().resolve("current/demo/home/manifest.json"));
        List<Path> partitionFiles = Workspace.list(ws.canonical().resolve("exposures/tenant=demo/surface=home/dt=2026-01-01"));

        ws.input("day.jsonl", GOOD_B, "{not json", "{\"v\":2,\"ts\":\"2026-01-01T08:00:00Z\"}");
        String err = Captured.err(() -> assertEquals(3, ws.run("2026-01-01", input, null)));

        assertTrue(err.contains("reject budget exceeded"), err);
        assertTrue(err.contains("malformed_json=1"), err);
        assertEquals(new String(pointer), Files.readString(ws.registry().resolve("current/demo/home/manifest.json")));
        assertEquals(1, ws.historyEntries("demo", "home").size());
        assertEquals(partitionFiles, Workspace.list(ws.canonical().resolve("exposures/tenant=demo/surface=home/dt=2026-01-01")));
        assertEquals(1L, DailyRunTest.delta(ws.canonical().resolve("exposures"))
                .filter("item_id = 'A'").count(), "canonical data still holds the previous run's events");
        assertEquals("failed", ws.lastReport().get("status").asText());
        assertEquals(3, ws.lastReport().get("exit_code").asInt());
        Path rejects = onlyRunFolder(ws.canonical().resolve("rejects/exposures"));
        assertTrue(Files.isDirectory(rejects.resolve("tenant=__HIVE_DEFAULT_PARTITION__")),
                "rejects are quarantined even when the run fails, lines of no pair apart");
        assertEquals(2L, SharedSpark.session().read().json(rejects.toString()).count());
    }

    @Test
    void rejectsWithinBudgetAreQuarantinedAndCountedPerReason() {
        Path input = ws.input("day.jsonl", GOOD, GOOD_B, "{not json", "");

        assertEquals(0, ws.run("2026-01-01", input, null, "--set", "limits.max_unattributed_ratio=0.5"));

        var exposures = ws.lastReport().get("events").get("exposures");
        assertEquals(4, exposures.get("lines_read").asInt());
        assertEquals(2, exposures.get("rejected").asInt());
        assertEquals(1, exposures.get("rejected_by_reason").get("malformed_json").asInt());
        assertEquals(1, exposures.get("rejected_by_reason").get("blank_line").asInt());
        var rejects = SharedSpark.session().read()
                .json(onlyRunFolder(ws.canonical().resolve("rejects/exposures")).toString())
                .orderBy("reason").collectAsList();
        assertEquals("blank_line", rejects.get(0).getAs("reason"));
        assertEquals("{not json", rejects.get(1).getAs("raw"));
        assertTrue(((String) rejects.get(1).getAs("source_file")).endsWith("day.jsonl"));
    }

    /** The quarantine folder of the one run that wrote rejects. */
    private static Path onlyRunFolder(Path stream) {
        List<Path> runs = Workspace.list(stream);
        assertEquals(1, runs.size(), runs.toString());
        assertTrue(runs.get(0).getFileName().toString().startsWith("run="), runs.toString());
        return runs.get(0);
    }

    @Test
    void noInputFilesExit3AndNameThePath() {
        String err = Captured.err(() -> assertEquals(3, ws.run("2026-01-01", tmp.resolve("missing/*.jsonl"), null)));
        assertTrue(err.contains("matches no file"), err);
        assertTrue(err.contains("missing/*.jsonl"), err);
        assertFalse(ws.hasPointer("demo", "home"));
    }

    @Test
    void aMissingDailyFileForTheWindowExit3EvenWhenNeighbourDaysExist() {
        ws.input("2026-01-02.jsonl", GOOD);
        Path pattern = tmp.resolve("input/{date}.jsonl");
        String err = Captured.err(() -> assertEquals(3, ws.run("2026-01-01", pattern, null)));
        assertTrue(err.contains("2026-01-01"), err);
    }

    @Test
    void noValidEventsForTheWindowExit3InsteadOfPublishingEmptyArtifacts() {
        Path input = ws.input("other-day.jsonl", GOOD.replace("2026-01-01", "2026-01-05"));
        String err = Captured.err(() -> assertEquals(3, ws.run("2026-01-01", input, null)));
        assertTrue(err.contains("no valid exposure events"), err);
    }

    @Test
    void unknownConfigKeyExit2WithTheKeyName() {
        Path input = ws.input("day.jsonl", GOOD);
        String err = Captured.err(() -> assertEquals(2, ws.run("2026-01-01", input, null, "--set", "limits.max_itemz=3")));
        assertTrue(err.contains("limits.max_itemz"), err);
    }

    @Test
    void badConfigValueExit2WithTheKeyName() {
        Path input = ws.input("day.jsonl", GOOD);
        String err = Captured.err(() -> assertEquals(2, ws.run("2026-01-01", input, null, "--set", "limits.max_reject_ratio=lots")));
        assertTrue(err.contains("limits.max_reject_ratio"), err);
    }

    @Test
    void badDateIsAUsageError() {
        assertEquals(2, Main.execute("run", "--date", "2026-13-01"));
    }

    @Test
    void minItemsGateRefusesWithExit5AndPublishesNothing() {
        Path input = ws.input("day.jsonl", GOOD);
        String err = Captured.err(() -> assertEquals(5, ws.run("2026-01-01", input, null, "--set", "publish.min_items=2")));
        assertTrue(err.contains("min_items"), err);
        assertFalse(ws.hasPointer("demo", "home"));
    }
}
