package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.registry.PairStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.recsys.pipelines.jobs.run.MetricsWriter.labels;
import static io.recsys.pipelines.jobs.run.MetricsWriter.pair;

/** Turns a run report and the registry's freshness into the metrics file's text. */
public final class RunMetrics {
    private RunMetrics() {
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
        ((Map<String, Object>) report.getOrDefault("stages", Map.of())).forEach((stage, value) -> m.gauge(
                "stage_duration_seconds", "Wall time of each stage of the last run.", labels("stage", stage),
                number(((Map<String, Object>) value).get("seconds"))));
        return m.text();
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }
}
