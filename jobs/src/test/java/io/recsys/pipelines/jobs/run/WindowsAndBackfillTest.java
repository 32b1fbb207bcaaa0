package io.recsys.pipelines.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.pipelines.jobs.cli.Main;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multi-day windows, back-fills over date ranges and incremental runs (issue 5, points 3-5). */
@ExtendWith(SharedSpark.class)
class WindowsAndBackfillTest {
    @TempDir
    Path tmp;
    Workspace ws;
    Path pattern;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
        pattern = tmp.resolve("input/{date}.jsonl");
        // Day i (1..7) shows item "a" i times and item "d<i>" once.
        for (int day = 1; day <= 7; day++) {
            List<String> lines = new ArrayList<>();
            for (int n = 0; n < day; n++) {
                lines.add(event(day, "s" + day + "-" + n, "a"));
            }
            lines.add(event(day, "s" + day + "-x", "d" + day));
            ws.input(LocalDate.of(2026, 1, day) + ".jsonl", lines.toArray(String[]::new));
        }
    }

    private static String event(int day, String session, String item) {
        return "{\"v\":1,\"ts\":\"2026-01-0" + day + "T12:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\","
                + "\"session_id\":\"" + session + "\",\"item_id\":\"" + item + "\"}";
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        all.addAll(ws.storageArgs());
        all.addAll(List.of("--set", "input.exposures=" + pattern, "--set", "input.outcomes=", "--kinds", "popularity"));
        return Main.execute(all.toArray(String[]::new));
    }

    private Map<String, Long> livePopularity() {
        JsonNode artifact = Workspace.readJson(Path.of(ws.pointer("demo", "home").get("current").get("popularity")
                .asText().substring("file://".length())));
        Map<String, Long> counts = new HashMap<>();
        for (JsonNode item : artifact.get("items")) {
            counts.put(item.get("item_id").asText(), item.get("count").asLong());
        }
        return counts;
    }

    private JsonNode liveWindow() {
        return Workspace.readJson(Path.of(ws.pointer("demo", "home").get("current").get("popularity")
                .asText().substring("file://".length()))).get("window");
    }

    @Test
    void aSevenDayWindowEqualsTheSumOfItsDays() {
        assertEquals(0, run("--start", "2026-01-01", "--end", "2026-01-07"));
        assertEquals(0, run("--date", "2026-01-07", "--window-days", "7"));

        Map<String, Long> window = livePopularity();
        assertEquals(1L + 2 + 3 + 4 + 5 + 6 + 7, window.get("a"));
        for (int day = 1; day <= 7; day++) {
            assertEquals(1L, window.get("d" + day));
        }
        assertEquals("2026-01-01T00:00:00Z", liveWindow().get("start").asText());
        assertEquals("2026-01-08T00:00:00Z", liveWindow().get("end").asText());
    }

    @Test
    void aBackfillOfThreeDaysLeavesOneHistoryEntryAndThreeRecordedVersionsPerKind() {
        assertEquals(0, run("--start", "2026-01-01", "--end", "2026-01-03"));

        assertEquals(1, ws.historyEntries("demo", "home").size());
        assertEquals(3, Workspace.list(ws.registry().resolve("records/demo/home/popularity")).size());
        assertEquals(3L, livePopularity().get("a"), "the pointer names the last day");
        assertEquals("2026-01-03T00:00:00Z", liveWindow().get("start").asText());
        assertTrue(Files.isDirectory(ws.canonical().resolve("exposures/tenant=demo/surface=home/dt=2026-01-01")));
        assertTrue(Files.isDirectory(ws.canonical().resolve("exposures/tenant=demo/surface=home/dt=2026-01-03")));
    }

    @Test
    void backfillLongerThanTheLimitExits4BeforeAnyWork() {
        assertEquals(4, run("--start", "2026-01-01", "--end", "2026-01-07", "--set", "limits.max_days_backfill=3"));
        assertTrue(!Files.exists(ws.canonical()));
    }

    @Test
    void incrementalRunsSkipDoneDaysAndDoNotMoveBack() {
        assertEquals(2, run("--incremental", "--end", "2026-01-02"), "the first incremental run needs --start");

        assertEquals(0, run("--incremental", "--start", "2026-01-01", "--end", "2026-01-02"));
        assertEquals(1, ws.historyEntries("demo", "home").size());
        assertEquals(2L, livePopularity().get("a"));
        assertEquals("2026-01-02", checkpoint());

        assertEquals(0, run("--incremental", "--end", "2026-01-04"));
        assertEquals(4L, livePopularity().get("a"));
        assertEquals("2026-01-04", checkpoint());
        assertEquals(4, Workspace.list(ws.registry().resolve("records/demo/home/popularity")).size(),
                "days 1-2 from the first run, days 3-4 from this one");

        assertEquals(0, run("--incremental", "--end", "2026-01-04"), "nothing to do is success");
        assertEquals(2, ws.historyEntries("demo", "home").size());

        assertEquals(0, run("--start", "2026-01-01", "--end", "2026-01-02"));
        assertEquals("2026-01-04", checkpoint(), "a back-fill of older days never moves the checkpoint back");
        assertEquals(4L, livePopularity().get("a"), "nor swaps older artifacts in");
        assertEquals(2, ws.historyEntries("demo", "home").size());
    }

    @Test
    void segmentGoesIntoTheArtifactAndItsVersion() {
        assertEquals(0, run("--date", "2026-01-01"));
        String plain = ws.pointer("demo", "home").get("current").get("popularity").asText();
        assertEquals(0, run("--date", "2026-01-01", "--segment", "vip"));
        String segmented = ws.pointer("demo", "home").get("current").get("popularity").asText();

        assertTrue(!plain.equals(segmented));
        JsonNode artifact = Workspace.readJson(Path.of(segmented.substring("file://".length())));
        assertEquals("vip", artifact.get("segment").asText());
        assertEquals(List.of("v", "artifact_type", "tenant", "surface", "segment", "window", "items", "build"), names(artifact));
    }

    @Test
    void unknownKindIsAUsageError() {
        assertEquals(2, run("--date", "2026-01-01", "--kinds", "popularity,bogus"));
    }

    private String checkpoint() {
        return new io.recsys.pipelines.registry.PublishCheckpoints(new io.recsys.pipelines.common.storage.LocalObjectStore(),
                new io.recsys.pipelines.registry.RegistryLayout(io.recsys.pipelines.common.storage.Location.of(
                        ws.registry().toString()))).lastPublished("demo", "home").orElseThrow().toString();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
