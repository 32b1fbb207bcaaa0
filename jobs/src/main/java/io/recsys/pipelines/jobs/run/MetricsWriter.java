package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.registry.PairStatus;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Prometheus text format (node-exporter textfile collector) of a run and of the registry's
 * freshness. Freshness comes from the registry, not from the run, so a failed run still reports
 * the last success and the manifest age it left behind, exactly as `manifest status` does.
 */
public final class MetricsWriter {
    private final StringBuilder out = new StringBuilder();
    private final Map<String, Boolean> declared = new TreeMap<>();

    public MetricsWriter gauge(String name, String help, Map<String, String> labels, double value) {
        String full = "recsys_pipelines_" + name;
        if (declared.putIfAbsent(full, true) == null) {
            out.append("# HELP ").append(full).append(' ').append(help).append('\n');
            out.append("# TYPE ").append(full).append(" gauge\n");
        }
        out.append(full);
        if (!labels.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> l : labels.entrySet()) {
                out.append(first ? "" : ",").append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
                first = false;
            }
            out.append('}');
        }
        out.append(' ').append(format(value)).append('\n');
        return this;
    }

    /** Freshness per (tenant, surface), the same numbers `manifest status` prints. */
    public MetricsWriter freshness(List<PairStatus> pairs) {
        for (PairStatus p : pairs) {
            Map<String, String> labels = pair(p.tenant(), p.surface());
            if (p.lastAt() != null) {
                gauge("last_success_timestamp_seconds", "Unix time of the newest history entry (publish or rollback).",
                        labels, java.time.OffsetDateTime.parse(p.lastAt()).toEpochSecond());
            }
            if (p.ageSeconds() != null) {
                gauge("manifest_age_seconds", "Seconds since the live manifest's updated_at, as of the end of the last "
                        + "run (frozen when runs stop: alert on time() - last_success_timestamp_seconds).", labels, p.ageSeconds());
            }
        }
        return this;
    }

    public static Map<String, String> pair(String tenant, String surface) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("tenant", tenant);
        labels.put("surface", surface);
        return labels;
    }

    public static Map<String, String> labels(String... keyValues) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            labels.put(keyValues[i], keyValues[i + 1]);
        }
        return labels;
    }

    public String text() {
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
