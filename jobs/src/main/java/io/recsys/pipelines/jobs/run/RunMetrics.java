package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.registry.PairStatus;
import io.recsys.pipelines.registry.RegistryContext;
import io.recsys.pipelines.registry.RegistryStatus;
import org.apache.hadoop.conf.Configuration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.recsys.pipelines.jobs.run.MetricsWriter.labels;
import static io.recsys.pipelines.jobs.run.MetricsWriter.pair;

/** Turns a run report and the registry's freshness into the metrics file's text, and delivers it. */
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
    public static void deliver(PipelineConfig config, Configuration hadoopConf, Map<String, Object> report, int exitCode) {
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
        String text = render(report, freshness == null ? List.of() : freshness, exitCode, now);
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

    @SuppressWarnings("unchecked")
    public static String render(Map<String, Object> report, List<PairStatus> freshness, int exitCode, Instant finishedAt) {
        MetricsWriter m = new MetricsWriter().freshness(freshness);
        m.gauge("last_run_timestamp_seconds", "Unix time the last run ended.", Map.of(), finishedAt.getEpochSecond());
        m.gauge("last_run_exit_code", "Exit code of the last run (0 = success).", Map.of(), exitCode);
        Map<String, Object> events = (Map<String, Object>) report.getOrDefault("events", Map.of());
        events.forEach((stream, value) -> {
            Map<String, Object> s = (Map<String, Object>) value;
            m.gauge("events_read", "Raw lines read by the last run.", labels("stream", stream), number(s.get("lines_read")));
            m.gauge("events_deduplicated", "Exact duplicates dropped by the last run.", labels("stream", stream),
                    number(s.get("duplicates_dropped")));
            m.gauge("events_out_of_window", "Events outside the run's days, skipped.", labels("stream", stream),
                    number(s.get("out_of_window_skipped")));
            ((Map<String, Object>) s.getOrDefault("rejected_by_reason", Map.of())).forEach((reason, n) ->
                    m.gauge("events_rejected", "Lines quarantined by the last run, per reason (a bad line has no "
                            + "trustworthy tenant, so rejects are per run, not per pair).",
                            labels("stream", stream, "reason", reason), number(n)));
        });
        Map<String, Object> byPair = (Map<String, Object>) report.getOrDefault("events_by_pair", Map.of());
        byPair.forEach((pairName, value) -> {
            String[] ts = pairName.split("/", 2);
            ((Map<String, Object>) value).forEach((stream, n) -> m.gauge("events_accepted",
                    "Valid events of the run's days per pair, before deduplication.",
                    labels("tenant", ts[0], "surface", ts[1], "stream", stream), number(n)));
        });
        String publishDay = (String) ((Map<String, Object>) report.getOrDefault("days", Map.of())).get("end");
        for (Object o : (List<Object>) report.getOrDefault("artifacts", List.of())) {
            Map<String, Object> a = (Map<String, Object>) o;
            if (publishDay == null || publishDay.equals(a.get("day"))) {
                Map<String, String> l = pair((String) a.get("tenant"), (String) a.get("surface"));
                l.put("kind", (String) a.get("kind"));
                m.gauge("artifact_items", "Entries in the artifact built for the published day.", l, number(a.get("items")));
                m.gauge("artifact_bytes", "Size of the artifact blob built for the published day.", l, number(a.get("bytes")));
            }
        }
        volume(m, (Map<String, Object>) report.getOrDefault("volume", Map.of()));
        ((Map<String, Object>) report.getOrDefault("stages", Map.of())).forEach((stage, value) -> m.gauge(
                "stage_duration_seconds", "Wall time of each stage of the last run.", labels("stage", stage),
                number(((Map<String, Object>) value).get("seconds"))));
        return m.text();
    }

    /** Per pair and signal (accepted_events, or artifact_items per kind): today and the trailing 7-day median. */
    @SuppressWarnings("unchecked")
    private static void volume(MetricsWriter m, Map<String, Object> byPair) {
        byPair.forEach((pairName, signals) -> ((Map<String, Object>) signals).forEach((key, value) -> {
            Map<String, Object> v = (Map<String, Object>) value;
            String[] ts = pairName.split("/", 2);
            String[] signal = key.split(":", 2);
            Map<String, String> l = labels("tenant", ts[0], "surface", ts[1], "signal", signal[0],
                    "kind", signal.length > 1 ? signal[1] : "");
            m.gauge("volume_today", "The published day's value of a volume signal (accepted events, artifact items).",
                    l, number(v.get("today")));
            if (v.get("median_7d") != null) {
                m.gauge("volume_median_7d", "Median of the signal over the trailing 7 days of history entries.", l,
                        number(v.get("median_7d")));
            }
            m.gauge("volume_out_of_range", "1 if today is outside [median / r, median * r] (metrics.volume_max_ratio).",
                    l, Boolean.TRUE.equals(v.get("out_of_range")) ? 1 : 0);
        }));
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }
}
