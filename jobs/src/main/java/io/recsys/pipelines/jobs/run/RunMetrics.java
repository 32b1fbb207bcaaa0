package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;
import io.recsys.pipelines.jobs.canonicalize.StreamCounts;
import io.recsys.pipelines.registry.PairPublisher;
import io.recsys.pipelines.registry.PairStatus;
import io.recsys.pipelines.registry.RegistryContext;
import io.recsys.pipelines.registry.RegistryStatus;
import org.apache.hadoop.conf.Configuration;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.recsys.pipelines.jobs.run.MetricsWriter.labels;
import static io.recsys.pipelines.jobs.run.MetricsWriter.pair;

/** Renders a run's summary and the registry's freshness as the metrics file's text, and delivers it. */
public final class RunMetrics {
    static final String LAST_SUCCESS = "recsys_pipelines_last_success_timestamp_seconds";

    private RunMetrics() {
    }

    /**
     * After every run, failed or not. Freshness is read back from the registry, so the file says what
     * `manifest status` says; when the registry cannot be read (the very failure the run may have
     * had: wrong keys, an unreachable store) the run's outcome is still written, with the last-success
     * lines of the previous file carried over so that the staleness alert keeps its series.
     */
    public static void deliver(PipelineConfig config, Configuration hadoopConf, RunSummary summary, int exitCode) {
        Instant now = Instant.now();
        MetricsSink sink = new MetricsSink(config.metrics(), hadoopConf);
        List<PairStatus> freshness = null;
        try {
            freshness = RegistryStatus.of(RegistryContext.of(config, hadoopConf, () -> now).registry(), now,
                    Duration.ofDays(36_500));
        } catch (RuntimeException e) {
            System.err.println("warning: metrics: cannot read the registry for freshness (" + e.getMessage()
                    + "); the last-success lines of the previous metrics file are kept");
        }
        String text = render(summary, freshness == null ? List.of() : freshness, exitCode, now);
        text = new MetricsWriter().gauge("registry_readable", "1 if the last run could read the registry's freshness.",
                Map.of(), freshness == null ? 0 : 1).text() + text;
        if (freshness == null) {
            text = sink.previousLines(LAST_SUCCESS) + text;
        }
        String warning = sink.deliver(text, exitCode, now);
        if (warning != null) {
            System.err.println("warning: " + warning);
        }
    }

    public static String render(RunSummary summary, List<PairStatus> freshness, int exitCode, Instant finishedAt) {
        MetricsWriter m = new MetricsWriter().freshness(freshness);
        m.gauge("last_run_timestamp_seconds", "Unix time the last run ended.", Map.of(), finishedAt.getEpochSecond());
        m.gauge("last_run_exit_code", "Exit code of the last run (0 = success).", Map.of(), exitCode);
        CanonicalizeStage.Result canonicalized = summary.canonicalized();
        if (canonicalized != null) {
            events(m, canonicalized);
        }
        LocalDate publishDay = summary.publishDay();
        for (ArtifactPublishing.PairOutcome o : summary.outcomes()) {
            if (publishDay != null && !publishDay.equals(o.day())) {
                continue;
            }
            for (PairPublisher.WrittenArtifact w : o.artifacts()) {
                Map<String, String> l = pair(o.pair().tenant(), o.pair().surface());
                l.put("kind", w.ref().kind());
                m.gauge("artifact_items", "Entries in the artifact built for the published day.", l, w.ref().items());
                m.gauge("artifact_bytes", "Size of the artifact blob built for the published day.", l, w.ref().bytes());
            }
        }
        volume(m, summary.volume());
        summary.stages().forEach((stage, s) -> m.gauge("stage_duration_seconds", "Wall time of each stage of the last run.",
                labels("stage", stage), s.seconds()));
        return m.text();
    }

    /** Per stream read: lines, duplicates, out of window, rejects per reason; then accepted events per pair. */
    private static void events(MetricsWriter m, CanonicalizeStage.Result canonicalized) {
        for (EventType type : canonicalized.inputs().keySet()) {
            StreamCounts c = canonicalized.counts().get(type);
            if (c == null) {
                continue;
            }
            String stream = CanonicalizeStage.streamName(type);
            m.gauge("events_read", "Raw lines read by the last run.", labels("stream", stream), c.linesRead());
            m.gauge("events_deduplicated", "Exact duplicates dropped by the last run.", labels("stream", stream),
                    c.writtenKnown() ? c.duplicatesDropped() : 0);
            m.gauge("events_out_of_window", "Events outside the run's days, skipped.", labels("stream", stream),
                    c.outOfWindow());
            c.rejectedByReason().forEach((reason, n) ->
                    m.gauge("events_rejected", "Lines quarantined by the last run, per reason.",
                            labels("stream", stream, "reason", reason), n));
            c.unattributedByReason().forEach((reason, n) ->
                    m.gauge("events_rejected_unattributed", "Quarantined lines that name no valid tenant and surface, "
                            + "per reason (the run-level budget).", labels("stream", stream, "reason", reason), n));
            c.linesByPair().forEach((pair, lines) -> {
                if (lines.rejected() > 0) {
                    m.gauge("pair_events_rejected", "Quarantined lines of a (tenant, surface) (its own reject budget).",
                            labels("tenant", pair.tenant(), "surface", pair.surface(), "stream", stream), lines.rejected());
                }
            });
        }
        canonicalized.refused().keySet().forEach(pair -> m.gauge("pair_over_reject_budget",
                "1 for a (tenant, surface) over limits.max_reject_ratio in the last run: it committed and published nothing.",
                labels("tenant", pair.tenant(), "surface", pair.surface()), 1));
        canonicalized.kept().forEach((pair, days) -> m.gauge("pair_kept_not_in_input",
                "Days of the last run a stored (tenant, surface) had no events in the input: kept as they were.",
                labels("tenant", pair.tenant(), "surface", pair.surface()), days.size()));
        Reports.eventsByPair(canonicalized).forEach((pair, streams) -> streams.forEach((stream, n) -> m.gauge(
                "events_accepted", "Valid events of the run's days per pair, before deduplication.",
                labels("tenant", pair.tenant(), "surface", pair.surface(), "stream", stream), n)));
    }

    /** Per pair and signal (accepted_events, or artifact_items per kind): today and the trailing 7-day median. */
    private static void volume(MetricsWriter m, Map<TenantSurface, List<VolumeSignals.Signal>> byPair) {
        Map<TenantSurface, List<VolumeSignals.Signal>> sorted = new TreeMap<>(Reports.PAIR_ORDER);
        sorted.putAll(byPair);
        sorted.forEach((pair, signals) -> signals.stream().sorted(Comparator.comparing(VolumeSignals.Signal::key))
                .forEach(v -> {
                    Map<String, String> l = labels("tenant", pair.tenant(), "surface", pair.surface(), "signal", v.name(),
                            "kind", v.kind());
                    m.gauge("volume_today", "The published day's value of a volume signal (accepted events, artifact items).",
                            l, v.today());
                    if (v.median() != null) {
                        m.gauge("volume_median_7d", "Median of the signal over the trailing 7 days of history entries.", l,
                                v.median());
                    }
                    m.gauge("volume_out_of_range", "1 if today is outside [median / r, median * r] (metrics.volume_max_ratio).",
                            l, v.outOfRange() ? 1 : 0);
                }));
    }
}
