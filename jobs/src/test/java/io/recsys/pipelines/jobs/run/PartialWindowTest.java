package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.jobs.testing.Captured;
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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A window's days are all there or the run says so (issue 11, point 4): days missing from the
 * canonical store come from the input, stored days are read, not redone, and a day found nowhere
 * stops the run unless --allow-partial-window, which records it.
 */
@ExtendWith(SharedSpark.class)
class PartialWindowTest {
    @TempDir
    Path tmp;
    Workspace ws;
    Path pattern;

    @BeforeEach
    void threeDaysOfInput() {
        ws = new Workspace(tmp);
        pattern = tmp.resolve("input/{date}.jsonl");
        for (int day = 9; day <= 11; day++) {
            ws.input(String.format("2026-03-%02d.jsonl", day), event(day, "a"), event(day, "d" + day));
        }
    }

    static String event(int day, String item) {
        return "{\"v\":1,\"ts\":\"" + String.format("2026-03-%02d", day) + "T12:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\","
                + "\"session_id\":\"s-" + item + "\",\"item_id\":\"" + item + "\"}";
    }

    private int run(Object input, String... args) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        all.addAll(ws.storageArgs());
        all.addAll(List.of("--set", "input.exposures=" + input, "--set", "input.outcomes=", "--kinds", "popularity"));
        return Main.execute(all.toArray(String[]::new));
    }

    private String liveItems() {
        String uri = ws.pointer("demo", "home").get("current").get("popularity").asText();
        return Workspace.readJson(Path.of(uri.substring("file://".length()))).get("items").toString();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void daysMissingFromAFreshStoreAreCanonicalizedFromTheInput() {
        assertEquals(0, run(pattern, "--date", "2026-03-11", "--window-days", "3"));

        assertEquals("[{\"item_id\":\"a\",\"count\":3},{\"item_id\":\"d10\",\"count\":1},{\"item_id\":\"d11\",\"count\":1},"
                + "{\"item_id\":\"d9\",\"count\":1}]", liveItems());
        assertEquals(List.of("2026-03-09", "2026-03-10", "2026-03-11"), texts(ws.lastReport().get("days_canonicalized")));
    }

    @Test
    void aSingleUndatedFileFillsTheWholeWindow() {
        Path all = ws.input("all.jsonl", event(9, "a"), event(10, "a"), event(11, "a"));
        assertEquals(0, run(all, "--date", "2026-03-11", "--window-days", "3"));
        assertEquals("[{\"item_id\":\"a\",\"count\":3}]", liveItems(), "not a third of the true count");
    }

    @Test
    void storedDaysAreReadNotRedone() {
        assertEquals(0, run(pattern, "--start", "2026-03-09", "--end", "2026-03-10"));
        Path day9 = tmp.resolve("input/2026-03-09.jsonl");
        assertTrue(Files.exists(day9));

        assertEquals(0, run(pattern, "--date", "2026-03-11", "--window-days", "3"));

        JsonNode report = ws.lastReport();
        assertEquals(List.of("2026-03-11"), texts(report.get("days_canonicalized")));
        assertEquals(List.of("2026-03-09", "2026-03-10"), texts(report.get("days_from_store")));
        assertTrue(liveItems().contains("{\"item_id\":\"a\",\"count\":3}"), liveItems());
    }

    @Test
    void aDayInNeitherStoreNorInputStopsTheRunNamingIt() throws Exception {
        Files.delete(tmp.resolve("input/2026-03-09.jsonl"));

        String err = Captured.err(() -> assertEquals(3, run(pattern, "--date", "2026-03-11", "--window-days", "3")));

        assertTrue(err.contains("[2026-03-09]") && err.contains("--allow-partial-window"), err);
        assertFalse(ws.hasPointer("demo", "home"));
    }

    @Test
    void anUndatedInputWithoutTheDayStopsTheRunToo() {
        Path two = ws.input("two.jsonl", event(10, "a"), event(11, "a"));
        String err = Captured.err(() -> assertEquals(3, run(two, "--date", "2026-03-11", "--window-days", "3")));
        assertTrue(err.contains("[2026-03-09]"), err);
        assertFalse(ws.hasPointer("demo", "home"));
    }

    @Test
    void allowPartialWindowBuildsFromThePresentDaysAndRecordsTheMissingOnes() throws Exception {
        Files.delete(tmp.resolve("input/2026-03-09.jsonl"));

        assertEquals(0, run(pattern, "--date", "2026-03-11", "--window-days", "3", "--allow-partial-window"));

        assertEquals("[{\"item_id\":\"a\",\"count\":2},{\"item_id\":\"d10\",\"count\":1},{\"item_id\":\"d11\",\"count\":1}]",
                liveItems());
        assertEquals(List.of("2026-03-09"), texts(ws.lastReport().get("missing_days")));
        JsonNode lineage = Workspace.readJson(ws.historyEntries("demo", "home").get(0)).get("lineage");
        assertEquals(List.of("2026-03-09"), texts(lineage.get("missing_days")), lineage.toString());
        assertTrue(lineage.get("tables").get("canonical/exposures").has("written_version"), lineage.toString());
        assertTrue(lineage.get("tables").get("aggregates").has("read_version"), lineage.toString());
    }
}
