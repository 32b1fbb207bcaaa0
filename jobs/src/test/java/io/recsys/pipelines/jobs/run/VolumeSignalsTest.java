package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.artifact.ArtifactHeader;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ArtifactWindow;
import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.artifact.PopularityPayload;
import io.recsys.pipelines.common.config.PipelineConfig.MetricsConfig;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.registry.HistoryEntry;
import io.recsys.pipelines.registry.Manifest;
import io.recsys.pipelines.registry.RunInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Today's accepted events and artifact items against the median of the pair's trailing week of history entries. */
class VolumeSignalsTest {
    private static final TenantSurface PAIR = new TenantSurface("demo", "home");
    private static final LocalDate DAY = LocalDate.parse("2026-01-10");
    private final RunReport report = new RunReport("run-1", "run", Instant.parse("2026-01-11T00:10:00Z"));
    private final RunInfo run = new RunInfo("run-1", Instant.parse("2026-01-11T00:10:00Z"), "ci", "daily run",
            new LinkedHashMap<>(Map.of("days", "2026-01-10")));

    /** Entries newest first, one per day before DAY, each carrying that day's volume in its lineage. */
    private static List<HistoryEntry> week(long... eventsPerDayOldestFirst) {
        List<HistoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < eventsPerDayOldestFirst.length; i++) {
            LocalDate day = DAY.minusDays(eventsPerDayOldestFirst.length - i);
            Map<String, Object> volume = new LinkedHashMap<>();
            volume.put("day", day.toString());
            volume.put("accepted_events", eventsPerDayOldestFirst[i]);
            volume.put("items:popularity", 4);
            entries.add(0, entry(i + 1, Map.of("volume", volume)));
        }
        return entries;
    }

    private static HistoryEntry entry(long seq, Map<String, Object> lineage) {
        Manifest manifest = new Manifest("demo", "home", new TreeMap<>(Map.of("popularity", "file:///x/" + seq + ".json")),
                "2026-01-0" + Math.min(seq, 9) + "T00:00:00Z");
        return new HistoryEntry(seq, HistoryEntry.PUBLISH, seq - 1, null, manifest.updatedAt(), "r" + seq, "ci", "daily",
                false, null, manifest, Map.of(), Map.of(), lineage);
    }

    private static Artifact popularity(int items) {
        List<ItemCount> counts = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            counts.add(new ItemCount("item" + i, items - i));
        }
        return new Artifact(new ArtifactHeader(ArtifactKind.POPULARITY, "demo", "home", "",
                new ArtifactWindow(Instant.parse("2026-01-10T00:00:00Z"), Instant.parse("2026-01-11T00:00:00Z"))),
                new PopularityPayload(counts));
    }

    private VolumeSignals signals(boolean gate, List<HistoryEntry> history, long acceptedToday) {
        return new VolumeSignals((pair, limit) -> history, new MetricsConfig("", "", gate, 3.0), report,
                Map.of("demo/home", acceptedToday));
    }

    private Map<String, Object> reported(String signal) {
        return report.summary().volume().get(PAIR).stream().filter(s -> s.key().equals(signal)).findFirst()
                .orElseThrow().render();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDropFarBelowTheWeeksMedianIsReportedAndTheDaysVolumeGoesIntoTheLineage() {
        RunInfo pairRun = signals(false, week(1000, 1100, 900, 1000, 1050, 950, 1000), 100)
                .beforePublish(PAIR, DAY, List.of(popularity(4)), run, false);

        assertEquals(1000.0, reported("accepted_events").get("median_7d"));
        assertEquals(true, reported("accepted_events").get("out_of_range"));
        assertEquals(false, reported("artifact_items:popularity").get("out_of_range"));
        Map<String, Object> volume = (Map<String, Object>) pairRun.lineage().get("volume");
        assertEquals("2026-01-10", volume.get("day"));
        assertEquals(100L, volume.get("accepted_events"));
        assertEquals(4L, volume.get("items:popularity"));
        assertFalse(run.lineage().containsKey("volume"), "each pair gets its own numbers, the run's lineage is unchanged");
    }

    @Test
    void withTheGateOnAnOutOfRangeDayIsRefusedWithExit5UnlessForced() {
        List<HistoryEntry> history = week(1000, 1100, 900, 1000, 1050, 950, 1000);
        PipelineException e = assertThrows(PipelineException.class,
                () -> signals(true, history, 5000).beforePublish(PAIR, DAY, List.of(popularity(4)), run, false));
        assertEquals(ExitCode.GATE_REFUSED, e.exitCode());
        assertTrue(e.getMessage().contains("accepted_events") && e.getMessage().contains("--force"), e.getMessage());

        signals(true, history, 5000).beforePublish(PAIR, DAY, List.of(popularity(4)), run, true);
        signals(true, history, 1200).beforePublish(PAIR, DAY, List.of(popularity(4)), run, false);
    }

    @Test
    void lessThanThreeDaysOfHistoryJudgeNothing() {
        signals(true, week(1000, 1000), 1).beforePublish(PAIR, DAY, List.of(popularity(4)), run, false);
        assertNull(reported("accepted_events").get("median_7d"));
        assertEquals(2, reported("accepted_events").get("history_days"));
    }

    @Test
    void onlyTheTrailingWeekCountsAndADaysLastPublishWins() {
        List<HistoryEntry> history = new ArrayList<>(week(10, 10, 10, 10, 10, 10, 10, 10, 10, 10));
        Map<String, Object> redo = new LinkedHashMap<>(Map.of("day", DAY.minusDays(1).toString(), "accepted_events", 1000));
        history.add(0, entry(99, Map.of("volume", redo)));

        signals(false, history, 10).beforePublish(PAIR, DAY, List.of(popularity(4)), run, false);

        assertEquals(7, reported("accepted_events").get("history_days"));
        assertEquals(10.0, reported("accepted_events").get("median_7d"));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, VolumeSignals.median(List.of(4L, 1L, 3L, 2L)));
        assertEquals(3.0, VolumeSignals.median(List.of(5L, 1L, 3L)));
    }
}
