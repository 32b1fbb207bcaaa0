package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.jobs.testing.Captured;
import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.pipelines.common.storage.LocalObjectStore;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.jobs.cli.Main;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import io.recsys.pipelines.registry.PublishCheckpoints;
import io.recsys.pipelines.registry.RegistryLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 point 4: each pair starts after its own checkpoint, and a dormant pair neither pins nor
 * delays the others: the run goes through its days with everyone else's and moves it on.
 */
@ExtendWith(SharedSpark.class)
class IncrementalPerPairTest {
    @TempDir
    Path tmp;
    Workspace ws;
    Path pattern;

    /** "demo" has events every day; "idle" only on the first. */
    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
        pattern = tmp.resolve("input/{date}.jsonl");
        for (int day = 1; day <= 4; day++) {
            List<String> lines = new ArrayList<>();
            lines.add(event(day, "demo", "a"));
            if (day == 1) {
                lines.add(event(day, "idle", "b"));
            }
            ws.input(LocalDate.of(2026, 1, day) + ".jsonl", lines.toArray(String[]::new));
        }
    }

    private static String event(int day, String tenant, String item) {
        return "{\"v\":1,\"ts\":\"2026-01-0" + day + "T12:00:00Z\",\"tenant\":\"" + tenant + "\",\"surface\":\"home\","
                + "\"session_id\":\"s" + day + "\",\"item_id\":\"" + item + "\"}";
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        all.addAll(ws.storageArgs());
        all.addAll(List.of("--set", "input.exposures=" + pattern, "--set", "input.outcomes=", "--kinds", "popularity"));
        return Main.execute(all.toArray(String[]::new));
    }

    private PublishCheckpoints checkpoints() {
        return new PublishCheckpoints(new LocalObjectStore(), new RegistryLayout(Location.of(ws.registry().toString())));
    }

    @Test
    void aDormantPairMovesOnWithTheOthersAndNeverPinsTheStart() throws Exception {
        assertEquals(0, run("--incremental", "--start", "2026-01-01", "--end", "2026-01-01"));
        assertEquals(0, run("--incremental", "--end", "2026-01-02"));

        PublishCheckpoints.Checkpoint idle = checkpoints().read("idle", "home").orElseThrow();
        assertEquals(LocalDate.of(2026, 1, 1), idle.lastPublished(), "its live artifacts are still day 1's");
        assertEquals(LocalDate.of(2026, 1, 2), idle.coveredThrough(), "but day 2 is done for it: it had no events");
        JsonNode pairs = ws.lastReport().get("pairs");
        assertEquals("covered", find(pairs, "idle").get("status").asText());
        assertEquals("published", find(pairs, "demo").get("status").asText());

        // Raw retention drops day 2. Before, idle's day-1 checkpoint made this run start on day 2 (exit 3).
        Files.delete(tmp.resolve("input/2026-01-02.jsonl"));
        assertEquals(0, run("--incremental", "--end", "2026-01-03"));

        JsonNode report = ws.lastReport();
        assertEquals("2026-01-03", report.get("days").get("start").asText(), "the run starts after every pair's own day");
        assertEquals(LocalDate.of(2026, 1, 3), checkpoints().read("idle", "home").orElseThrow().coveredThrough());
        assertEquals(LocalDate.of(2026, 1, 3), checkpoints().lastPublished("demo", "home").orElseThrow());
        assertEquals(1, ws.historyEntries("idle", "home").size());
    }

    @Test
    void aPairFarBehindDoesNotStretchOrFailTheRunForTheOthers() throws Exception {
        assertEquals(0, run("--incremental", "--start", "2026-01-01", "--end", "2026-01-02"));
        // A checkpoint of an earlier version, from long ago (a pair left out of scoped runs, say).
        Path legacy = ws.registry().resolve("checkpoints/old/home.json");
        Files.createDirectories(legacy.getParent());
        Files.writeString(legacy, "{\"last_published_day\":\"2025-06-01\",\"run_id\":\"x\"}\n");

        String err = Captured.err(() -> assertEquals(0, run("--incremental", "--end", "2026-01-04",
                "--set", "limits.max_days_backfill=5")));

        JsonNode report = ws.lastReport();
        assertEquals("2026-01-03", report.get("days").get("start").asText());
        assertEquals(LocalDate.of(2026, 1, 4), checkpoints().lastPublished("demo", "home").orElseThrow());
        assertEquals(LocalDate.of(2026, 1, 4), checkpoints().read("old", "home").orElseThrow().coveredThrough());
        assertTrue(report.get("warnings").toString().contains("old/home was more than limits.max_days_backfill days behind"),
                report.get("warnings").toString());
        assertTrue(err.isEmpty() || !err.contains("exit code"), err);
    }

    @Test
    void whenEveryPairIsTooFarBehindTheRunStopsAsABackfillOverTheLimitDoes() {
        assertEquals(0, run("--incremental", "--start", "2026-01-01", "--end", "2026-01-01"));
        assertEquals(4, run("--incremental", "--end", "2026-01-04", "--set", "limits.max_days_backfill=2"));
    }

    private static JsonNode find(JsonNode pairs, String tenant) {
        for (JsonNode p : pairs) {
            if (p.get("tenant").asText().equals(tenant)) {
                return p;
            }
        }
        throw new AssertionError("no outcome for " + tenant + " in " + pairs);
    }
}
