package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.jobs.testing.Captured;
import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 point 3: every (tenant, surface) is published on its own. A pair whose gate refuses
 * (here an artifact over the size limit: a few very long item ids) is reported for that pair, every
 * other pair still publishes, and the run's exit code is the most severe pair outcome.
 */
@ExtendWith(SharedSpark.class)
class PairIsolationTest {
    @TempDir
    Path tmp;
    Workspace ws;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
    }

    private static String exposure(String tenant, String session, String item) {
        return "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"" + tenant + "\",\"surface\":\"home\","
                + "\"session_id\":\"" + session + "\",\"item_id\":\"" + item + "\"}";
    }

    @Test
    void aPairWhoseGateRefusesIsReportedAndThePairsAfterItStillPublish() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // "aaa" sorts before the others: before, its refusal stopped every pair after it.
            lines.add(exposure("aaa", "s" + i, i + "x".repeat(400)));
        }
        lines.add(exposure("demo", "s9", "A"));
        lines.add(exposure("zed", "s8", "B"));
        Path input = ws.input("day.jsonl", lines.toArray(String[]::new));

        String err = Captured.err(() -> assertEquals(5, ws.run("2026-01-01", input, null,
                "--kinds", "popularity", "--set", "publish.max_artifact_bytes=1500")));

        assertTrue(ws.hasPointer("demo", "home"), "a pair after the refused one is published");
        assertTrue(ws.hasPointer("zed", "home"));
        assertFalse(ws.hasPointer("aaa", "home"));
        assertFalse(Files.exists(ws.objectstore().resolve("aaa")), "the oversized blob was never written");
        assertTrue(err.contains("1 of 3 (tenant, surface) pairs failed") && err.contains("aaa/home exit 5"), err);
        JsonNode report = ws.lastReport();
        assertEquals(5, report.get("exit_code").asInt());
        Map<String, String> outcomes = new TreeMap<>();
        for (JsonNode p : report.get("pairs")) {
            outcomes.put(p.get("tenant").asText() + "/" + p.get("surface").asText(),
                    p.get("status").asText() + " " + p.get("exit_code").asInt());
        }
        assertEquals(Map.of("aaa/home", "failed 5", "demo/home", "published 0", "zed/home", "published 0"), outcomes);
        assertTrue(report.get("pairs").get(0).get("error").asText().contains("over the service limit of 1500"));

        // The re-run is a no-op for the published pairs and still refuses the other: the outcome is stable.
        assertEquals(5, ws.run("2026-01-01", input, null, "--kinds", "popularity", "--set", "publish.max_artifact_bytes=1500"));
        assertEquals(1, ws.historyEntries("demo", "home").size());
    }

    @Test
    void theRunsExitCodeIsTheMostSeverePairOutcome() {
        assertEquals(ExitCode.OK, ArtifactPublishing.mostSevere(List.of()));
        assertEquals(ExitCode.STORAGE, ArtifactPublishing.mostSevere(List.of(5, 7, 6)));
        assertEquals(ExitCode.CONFLICT, ArtifactPublishing.mostSevere(List.of(5, 6)));
        assertEquals(ExitCode.GATE_REFUSED, ArtifactPublishing.mostSevere(List.of(4, 5)));
        assertEquals(ExitCode.UNEXPECTED, ArtifactPublishing.mostSevere(List.of(7, 1, 5)));
        assertEquals(ExitCode.UNEXPECTED, ArtifactPublishing.mostSevere(List.of(42)));
    }
}
