package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.config.PipelineConfig.MetricsConfig;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.registry.HistoryEntry;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;
import io.recsys.pipelines.registry.Registry;
import io.recsys.pipelines.registry.RegistryContext;
import io.recsys.pipelines.registry.RunInfo;

import org.apache.hadoop.conf.Configuration;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The volume and output-size signals of the operator's how-to, per (tenant, surface): the published
 * day's accepted events and each artifact's item count against their median over the trailing 7
 * days, taken from the pair's history entries (each entry carries its day's numbers in its lineage,
 * key {@code volume}). Reported in the run report (key {@code volume}) and the metrics; with
 * {@code metrics.volume_gate} on, a value outside [median / r, median * r] (r =
 * {@code metrics.volume_max_ratio}) refuses the pair's publish with exit 5, unless --force.
 */
public final class VolumeSignals {
    static final int TRAILING_DAYS = 7;
    /** Fewer days of history than this say nothing about a median; the signal is reported, never gated. */
    static final int MIN_HISTORY_DAYS = 3;
    /** Entries read back per pair: a week of daily publishes plus rollbacks and re-publishes. */
    private static final int ENTRIES_READ = 3 * TRAILING_DAYS;
    static final String LINEAGE_KEY = "volume";

    /** A pair's history entries, newest first (the registry's, or a test's). */
    @FunctionalInterface
    public interface History {
        List<HistoryEntry> newestFirst(TenantSurface pair, int limit);
    }

    private final History registry;
    private final MetricsConfig config;
    private final RunReport report;
    private final Map<String, Long> acceptedByPair;

    /**
     * {@code acceptedByPair}: valid events of the published day per "tenant/surface" (the canonicalize
     * stage's, summed over streams); empty for a multi-day run, whose counts span the range.
     */
    public VolumeSignals(History registry, MetricsConfig config, RunReport report, Map<String, Long> acceptedByPair) {
        this.registry = registry;
        this.config = config;
        this.report = report;
        this.acceptedByPair = acceptedByPair;
    }

    /**
     * For a run of {@code days}: accepted events (of {@code canonicalized}, summed over the streams) are
     * compared only when the run covers one day.
     */
    public static VolumeSignals forRun(PipelineConfig config, Configuration hadoopConf, RunReport report,
                                       CanonicalizeStage.Result canonicalized, DateWindow days) {
        Map<String, Long> accepted = new TreeMap<>();
        if (days.dayCount() == 1) {
            canonicalized.counts().values().forEach(c -> c.acceptedByPair().forEach((pair, n) ->
                    accepted.merge(pair.toString(), n, Long::sum)));
        }
        Registry registry = RegistryContext.of(config, hadoopConf, Instant::now).registry();
        return new VolumeSignals((pair, limit) -> registry.history(pair.tenant(), pair.surface(), limit), config.metrics(),
                report, accepted);
    }

    /** One value against its trailing median; {@code median} null when history is too short. */
    public record Signal(String name, String kind, long today, Double median, int historyDays, boolean outOfRange) {
        /** The signal's key in the report and in the lineage's volume: its name, and its kind after a colon. */
        public String key() {
            return kind.isEmpty() ? name : name + ":" + kind;
        }

        Map<String, Object> render() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("today", today);
            m.put("median_7d", median);
            m.put("history_days", historyDays);
            m.put("ratio", median == null || median == 0 ? null : today / median);
            m.put("out_of_range", outOfRange);
            return m;
        }
    }

    /**
     * Computes and reports the pair's signals, refuses the publish when the gate is on and one is out
     * of range, and returns the run info whose lineage carries the pair's numbers for later runs.
     */
    public RunInfo beforePublish(TenantSurface pair, LocalDate day, List<Artifact> artifacts, RunInfo run, boolean force) {
        Map<String, Long> today = new TreeMap<>();
        Long accepted = acceptedByPair.get(pair.tenant() + "/" + pair.surface());
        if (accepted != null) {
            today.put("accepted_events", accepted);
        }
        for (Artifact artifact : artifacts) {
            today.put("items:" + artifact.header().kind().id(), (long) artifact.payload().itemCount());
        }
        Map<String, List<Long>> history = history(pair, day);
        List<Signal> signals = new ArrayList<>();
        for (Map.Entry<String, Long> e : today.entrySet()) {
            signals.add(signal(e.getKey(), e.getValue(), history.getOrDefault(e.getKey(), List.of())));
        }
        report.volume(pair, signals);
        signals.stream().filter(Signal::outOfRange).forEach(s -> StageTimer.log().warn(
                "[volume] {}: {} is {} against a 7-day median of {}", pair, label(s), s.today(), s.median()));
        Optional<Signal> refused = signals.stream().filter(Signal::outOfRange).findFirst();
        if (config.volumeGate() && refused.isPresent() && !force) {
            Signal s = refused.get();
            throw new PipelineException(ExitCode.GATE_REFUSED, "volume gate: " + pair + " " + label(s) + " is " + s.today()
                    + " on " + day + ", outside [median / " + config.volumeMaxRatio() + ", median * "
                    + config.volumeMaxRatio() + "] of its 7-day median " + s.median() + " (" + s.historyDays()
                    + " days). Check the input; --force publishes anyway, metrics.volume_gate=false turns the gate off.");
        }
        Map<String, Object> lineage = new LinkedHashMap<>(run.lineage());
        Map<String, Object> volume = new LinkedHashMap<>();
        volume.put("day", day.toString());
        volume.putAll(today);
        lineage.put(LINEAGE_KEY, volume);
        return new RunInfo(run.runId(), run.startedAt(), run.who(), run.reason(), lineage);
    }

    Signal signal(String key, long today, List<Long> history) {
        String name = key.startsWith("items:") ? "artifact_items" : key;
        String kind = key.startsWith("items:") ? key.substring("items:".length()) : "";
        if (history.size() < MIN_HISTORY_DAYS) {
            return new Signal(name, kind, today, null, history.size(), false);
        }
        double median = median(history);
        double r = config.volumeMaxRatio();
        boolean out = today > median * r || today < median / r;
        return new Signal(name, kind, today, median, history.size(), out);
    }

    /** Per signal key, one value per earlier day of the trailing week: that day's newest entry. */
    private Map<String, List<Long>> history(TenantSurface pair, LocalDate day) {
        Map<LocalDate, Map<?, ?>> byDay = new TreeMap<>();
        for (HistoryEntry entry : registry.newestFirst(pair, ENTRIES_READ)) {
            if (!HistoryEntry.PUBLISH.equals(entry.action()) || entry.lineage() == null
                    || !(entry.lineage().get(LINEAGE_KEY) instanceof Map<?, ?> volume)) {
                continue;
            }
            LocalDate entryDay = LocalDate.parse(String.valueOf(volume.get("day")));
            if (entryDay.isBefore(day) && !entryDay.isBefore(day.minusDays(TRAILING_DAYS))) {
                byDay.putIfAbsent(entryDay, volume); // newest first: the first seen is the day's last publish
            }
        }
        Map<String, List<Long>> values = new TreeMap<>();
        byDay.values().forEach(volume -> volume.forEach((k, v) -> {
            if (v instanceof Number n) {
                values.computeIfAbsent(String.valueOf(k), x -> new ArrayList<>()).add(n.longValue());
            }
        }));
        return values;
    }

    static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static String label(Signal s) {
        return s.kind().isEmpty() ? s.name() : s.name() + " of " + s.kind();
    }
}
