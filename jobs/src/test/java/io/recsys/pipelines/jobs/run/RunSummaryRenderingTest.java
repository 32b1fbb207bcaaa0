package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;
import io.recsys.pipelines.jobs.canonicalize.Canonicalizer;
import io.recsys.pipelines.jobs.canonicalize.StreamCounts;
import io.recsys.pipelines.jobs.input.ResolvedInput;
import io.recsys.pipelines.registry.ArtifactRef;
import io.recsys.pipelines.registry.PairPublisher;
import io.recsys.pipelines.registry.RunInfo;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run report and the metrics are renderings of one typed {@link RunSummary}: the JSON keeps its
 * keys, order and values, the metrics take the same numbers, and a failed run renders what it reached.
 */
class RunSummaryRenderingTest {
    private static final Instant STARTED = Instant.parse("2026-01-03T01:00:00Z");
    private static final LocalDate DAY1 = LocalDate.parse("2026-01-01");
    private static final LocalDate DAY2 = LocalDate.parse("2026-01-02");
    private static final TenantSurface HOME = new TenantSurface("demo", "home");
    private static final TenantSurface PDP = new TenantSurface("demo", "pdp");

    private static Row row(String status, String reason, TenantSurface pair, LocalDate day, long n) {
        return RowFactory.create(status, reason, pair == null ? null : pair.tenant(), pair == null ? null : pair.surface(),
                day == null ? null : java.sql.Date.valueOf(day), n);
    }

    /** Exposures read and counted (not yet written: the shape of a run that stopped at the budget check). */
    private static CanonicalizeStage.Result canonicalized(boolean outcomesRead) {
        Map<EventType, ResolvedInput> inputs = new LinkedHashMap<>();
        inputs.put(EventType.EXPOSURE, new ResolvedInput("exposures", "in/{date}.jsonl", Map.of("file:/in/2026-01-02.jsonl", 120L)));
        inputs.put(EventType.OUTCOME, new ResolvedInput("outcomes", "out/{date}.jsonl", Map.of()));
        Map<EventType, StreamCounts> counts = new LinkedHashMap<>();
        counts.put(EventType.EXPOSURE, StreamCounts.fromRows(List.of(
                row(Canonicalizer.ACCEPTED, null, PDP, DAY2, 3), row(Canonicalizer.ACCEPTED, null, HOME, DAY2, 5),
                row(Canonicalizer.REJECTED, "bad_json", null, null, 2), row(Canonicalizer.OUT_OF_WINDOW, null, null, null, 1))));
        if (outcomesRead) {
            counts.put(EventType.OUTCOME, StreamCounts.fromRows(List.of(row(Canonicalizer.ACCEPTED, null, HOME, DAY2, 4))));
        }
        return new CanonicalizeStage.Result(inputs, counts, new TreeSet<>(List.of(DAY2)), new TreeSet<>(),
                Map.of(EventType.EXPOSURE, 7L));
    }

    private static ArtifactPublishing.PairOutcome outcome(TenantSurface pair, LocalDate day, ArtifactPublishing.Status status,
                                                          long seq, int items) {
        ArtifactRef ref = new ArtifactRef("popularity", "v-" + pair.surface() + "-" + day, "file:/o/" + pair, "", "w0", "w1",
                items, 10L * items, "b", "run-1");
        return new ArtifactPublishing.PairOutcome(pair, day, status, seq,
                List.of(new PairPublisher.WrittenArtifact(ref, true, Map.of())));
    }

    private static RunReport fullRun() {
        RunReport report = new RunReport("run-1", "run", STARTED);
        report.plan(new RunSummary.Plan(new DateWindow(DAY1, DAY2), 1, List.of(ArtifactKind.POPULARITY), PairFilter.ALL));
        report.canonicalized(canonicalized(true));
        Map<String, StoreState.TableVersions> tables = new LinkedHashMap<>();
        tables.put("canonical/exposures", new StoreState.TableVersions(true, 7, OptionalLong.of(7)));
        tables.put("aggregates", new StoreState.TableVersions(true, 3, OptionalLong.empty()));
        report.stored(new StoreState.Summary(tables, new TreeSet<>(List.of(DAY1)), new TreeSet<>()));
        report.buildStats(DAY2, Map.of("implicit", Map.of("max_users_per_artifact", 2)));
        report.outcome(outcome(HOME, DAY1, ArtifactPublishing.Status.RECORDED, 0, 9));
        report.outcome(outcome(HOME, DAY2, ArtifactPublishing.Status.PUBLISHED, 4, 4));
        report.volume(PDP, List.of(new VolumeSignals.Signal("artifact_items", "popularity", 3, null, 1, false)));
        report.volume(HOME, List.of(new VolumeSignals.Signal("artifact_items", "popularity", 4, 8.0, 5, false),
                new VolumeSignals.Signal("accepted_events", "", 9, 3.0, 5, true)));
        report.stage("canonicalize", 1.23456, Map.of("days", 1));
        report.pairs(List.of(outcome(HOME, DAY2, ArtifactPublishing.Status.PUBLISHED, 4, 4),
                new ArtifactPublishing.PairOutcome(PDP, DAY2, ArtifactPublishing.Status.FAILED, 0, List.of(), 5, "refused")));
        report.warning("careful");
        report.finish(5, "1 of 2 pairs failed", Instant.parse("2026-01-03T01:05:00Z"));
        return report;
    }

    @Test
    void theReportIsTheSummaryRenderedWithItsKeysInTheirOrder() {
        String json = new String(fullRun().toBytes(), StandardCharsets.UTF_8).replaceAll("\\s+", "");

        assertEquals("{\"run_id\":\"run-1\",\"command\":\"run\",\"started_at\":\"2026-01-03T01:00:00Z\",\"status\":\"failed\","
                + "\"days\":{\"start\":\"2026-01-01\",\"end\":\"2026-01-02\"},\"window_days\":1,\"kinds\":[\"popularity\"],"
                + "\"scope\":\"*/*\","
                + "\"inputs\":{\"exposures\":{\"pattern\":\"in/{date}.jsonl\",\"file_count\":1,\"bytes\":120,"
                + "\"files\":[\"file:/in/2026-01-02.jsonl\"]},\"outcomes\":{\"pattern\":\"out/{date}.jsonl\","
                + "\"file_count\":0,\"bytes\":0,\"files\":[]}},"
                + "\"days_canonicalized\":[\"2026-01-02\"],"
                + "\"events\":{\"exposures\":{\"lines_read\":11,\"rejected\":2,\"rejected_by_reason\":{\"bad_json\":2},"
                + "\"out_of_window_skipped\":1,\"other_pair_skipped\":0,\"accepted\":8},\"outcomes\":{\"lines_read\":4,"
                + "\"rejected\":0,\"rejected_by_reason\":{},\"out_of_window_skipped\":0,\"other_pair_skipped\":0,\"accepted\":4}},"
                + "\"events_by_pair\":{\"demo/home\":{\"exposures\":5,\"outcomes\":4},\"demo/pdp\":{\"exposures\":3}},"
                + "\"rejected_by_pair\":{},\"unattributed_rejected\":{\"exposures\":{\"bad_json\":2},\"outcomes\":{}},"
                + "\"pairs_over_reject_budget\":{},\"pairs_kept_not_in_input\":{},"
                + "\"tables\":{\"canonical/exposures\":{\"written_version\":7,\"read_version\":7},"
                + "\"aggregates\":{\"written_version\":3}},\"days_from_store\":[\"2026-01-01\"],"
                + "\"build_stats_2026-01-02\":{\"implicit\":{\"max_users_per_artifact\":2}},"
                + "\"volume\":{\"demo/home\":{\"accepted_events\":{\"today\":9,\"median_7d\":3.0,\"history_days\":5,"
                + "\"ratio\":3.0,\"out_of_range\":true},\"artifact_items:popularity\":{\"today\":4,\"median_7d\":8.0,"
                + "\"history_days\":5,\"ratio\":0.5,\"out_of_range\":false}},\"demo/pdp\":{\"artifact_items:popularity\":"
                + "{\"today\":3,\"median_7d\":null,\"history_days\":1,\"ratio\":null,\"out_of_range\":false}}},"
                + "\"pairs\":[{\"tenant\":\"demo\",\"surface\":\"home\",\"day\":\"2026-01-02\",\"status\":\"published\","
                + "\"exit_code\":0,\"seq\":4},{\"tenant\":\"demo\",\"surface\":\"pdp\",\"day\":\"2026-01-02\","
                + "\"status\":\"failed\",\"exit_code\":5,\"error\":\"refused\"}],"
                + "\"exit_code\":5,\"error\":\"1of2pairsfailed\",\"finished_at\":\"2026-01-03T01:05:00Z\","
                + "\"spark_jobs\":0,\"stages\":{\"canonicalize\":{\"seconds\":1.235,\"days\":1}},"
                + "\"artifacts\":[{\"day\":\"2026-01-01\",\"tenant\":\"demo\",\"surface\":\"home\",\"kind\":\"popularity\","
                + "\"version\":\"v-home-2026-01-01\",\"items\":9,\"bytes\":90,\"uri\":\"file:/o/demo/home\",\"blob_created\":true},"
                + "{\"day\":\"2026-01-02\",\"tenant\":\"demo\",\"surface\":\"home\",\"kind\":\"popularity\","
                + "\"version\":\"v-home-2026-01-02\",\"items\":4,\"bytes\":40,\"uri\":\"file:/o/demo/home\",\"blob_created\":true}],"
                + "\"published\":[{\"day\":\"2026-01-02\",\"tenant\":\"demo\",\"surface\":\"home\",\"status\":\"published\","
                + "\"seq\":4,\"versions\":{\"popularity\":\"v-home-2026-01-02\"}}],"
                + "\"warnings\":[\"careful\"]}", json);
    }

    @Test
    void theMetricsTakeTheSameNumbersAndOnlyThePublishedDaysArtifacts() {
        String metrics = RunMetrics.render(fullRun().summary(), List.of(), 5, Instant.parse("2026-01-03T01:05:00Z"));

        assertTrue(metrics.contains("recsys_pipelines_last_run_exit_code 5\n"), metrics);
        assertTrue(metrics.contains("recsys_pipelines_events_read{stream=\"exposures\"} 11\n"), metrics);
        assertTrue(metrics.contains("recsys_pipelines_events_read{stream=\"outcomes\"} 4\n"), metrics);
        assertTrue(metrics.contains("recsys_pipelines_events_deduplicated{stream=\"exposures\"} 0\n"), metrics);
        assertTrue(metrics.contains("recsys_pipelines_events_out_of_window{stream=\"exposures\"} 1\n"), metrics);
        assertTrue(metrics.contains("recsys_pipelines_events_rejected{reason=\"bad_json\",stream=\"exposures\"} 2\n"), metrics);
        assertTrue(metrics.contains("recsys_pipelines_events_accepted{stream=\"outcomes\",surface=\"home\",tenant=\"demo\"} 4\n"),
                metrics);
        assertTrue(metrics.contains("recsys_pipelines_artifact_items{kind=\"popularity\",surface=\"home\",tenant=\"demo\"} 4\n"),
                metrics);
        // The recorded day's artifact (9 items) is not the live one.
        assertEquals(1, metrics.lines().filter(l -> l.startsWith("recsys_pipelines_artifact_items{")).count(), metrics);
        assertTrue(metrics.contains("recsys_pipelines_volume_today{kind=\"\",signal=\"accepted_events\",surface=\"home\","
                + "tenant=\"demo\"} 9\n"), metrics);
        assertTrue(metrics.contains("recsys_pipelines_volume_out_of_range{kind=\"\",signal=\"accepted_events\",surface=\"home\","
                + "tenant=\"demo\"} 1\n"), metrics);
        assertFalse(metrics.contains("recsys_pipelines_volume_median_7d{kind=\"popularity\",signal=\"artifact_items\","
                + "surface=\"pdp\""), "no median without history: " + metrics);
        assertTrue(metrics.contains("recsys_pipelines_stage_duration_seconds{stage=\"canonicalize\"} 1.235\n"), metrics);
        // Pairs in "tenant/surface" order, per pair its signals in key order.
        assertTrue(metrics.indexOf("signal=\"accepted_events\",surface=\"home\"") < metrics.indexOf(
                "signal=\"artifact_items\",surface=\"home\""), metrics);
    }

    @Test
    void aRunThatStoppedInCanonicalizeRendersWhatItReachedAndNothingElse() {
        RunReport report = new RunReport("run-2", "run", STARTED);
        report.plan(new RunSummary.Plan(new DateWindow(DAY2, DAY2), 1, List.of(ArtifactKind.POPULARITY),
                new PairFilter("demo", null)));
        report.canonicalized(canonicalized(false));
        report.stage("canonicalize", 0.5, Map.of("failed", true));
        report.finish(3, "reject budget exceeded", Instant.parse("2026-01-03T01:01:00Z"));

        Map<String, Object> json = Reports.json(report.summary());

        assertEquals(List.of("run_id", "command", "started_at", "status", "days", "window_days", "kinds", "scope", "inputs",
                "days_canonicalized", "events", "events_by_pair", "rejected_by_pair", "unattributed_rejected",
                "pairs_over_reject_budget", "pairs_kept_not_in_input", "exit_code", "error", "finished_at", "spark_jobs", "stages", "artifacts",
                "published", "warnings"), List.copyOf(json.keySet()));
        assertEquals("failed", json.get("status"));
        assertEquals("demo/*", json.get("scope"));
        assertEquals(List.of("exposures"), List.copyOf(((Map<?, ?>) json.get("events")).keySet()),
                "a stream not read yet has no counts");
        assertEquals(Map.of("exposures", "11 read = 2 rejected + 1 out of window + 0 out of scope + 8 accepted (not written)",
                "outcomes", "not read yet"), Reports.lines(report.summary().canonicalized(), false));
        String metrics = RunMetrics.render(report.summary(), List.of(), 3, Instant.parse("2026-01-03T01:01:00Z"));
        assertTrue(metrics.contains("recsys_pipelines_events_read{stream=\"exposures\"} 11\n"), metrics);
        assertFalse(metrics.contains("stream=\"outcomes\""), metrics);
    }

    @Test
    void aRunBeforeAnyStageIsHeaderAndEnding() {
        RunReport report = new RunReport("run-3", "run", STARTED);
        report.nothingToDo();
        assertEquals("running", Reports.json(report.summary()).get("status"));
        report.finish(0, null, Instant.parse("2026-01-03T01:00:01Z"));

        assertEquals(List.of("run_id", "command", "started_at", "status", "nothing_to_do", "exit_code", "finished_at",
                "spark_jobs", "stages", "artifacts", "published", "warnings"), List.copyOf(Reports.json(report.summary()).keySet()));
    }

    @Test
    void aSummaryIsASnapshotAndTheLineageIsBuiltOnceAndCannotChange() {
        RunReport report = fullRun();
        RunSummary before = report.summary();
        report.warning("later");
        report.stage("publish 2026-01-02", 0.1, Map.of());
        assertEquals(List.of("careful"), before.warnings());
        assertEquals(1, before.stages().size());
        assertThrows(UnsupportedOperationException.class, () -> before.outcomes().clear());

        CanonicalizeStage.Result c = canonicalized(true);
        Map<String, StoreState.TableVersions> tables = Map.of("aggregates", new StoreState.TableVersions(true, 3,
                OptionalLong.of(2)));
        StoreState state = new StoreState(null, c, new TreeSet<>(), 3, OptionalLong.of(7), OptionalLong.of(2), tables);
        RunInfo invocation = new RunInfo("run-1", STARTED, "ci", "daily run", Map.of("command", "run --date 2026-01-02"));
        RunInfo run = RunLineage.of(invocation, state, new DateWindow(DAY2, DAY2), 1);

        assertEquals(List.of("command", "inputs", "days", "window_days", "tables"), List.copyOf(run.lineage().keySet()));
        assertEquals("2026-01-02", run.lineage().get("days"));
        assertEquals(Reports.inputs(c), run.lineage().get("inputs"));
        assertEquals(Map.of("aggregates", Map.of("written_version", 3L, "read_version", 2L)), run.lineage().get("tables"));
        assertThrows(UnsupportedOperationException.class, () -> run.lineage().put("days", "x"));
    }
}
