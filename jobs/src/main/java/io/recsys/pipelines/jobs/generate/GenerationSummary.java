package io.recsys.pipelines.jobs.generate;

import io.recsys.pipelines.common.pair.TenantSurface;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What a generator run wrote, exactly, in the pipeline's terms: a `run` over all the generated days
 * reads {@link StreamCounts#linesRead()} lines per stream, rejects {@link StreamCounts#rejectedByReason()}
 * under the same reason codes, finds no duplicates and accepts {@link StreamCounts#accepted()} events.
 *
 * @param exposureLines                every line of the exposure files, bad ones included
 * @param outcomeLines                 every line of the outcome files, bad ones included
 * @param goodClicks                   valid {@code click} lines
 * @param goodConversions              valid {@code conversion} lines
 * @param badExposuresByKind           bad exposure lines per kind, every kind present
 * @param badOutcomesByKind            bad outcome lines per kind, every kind present
 * @param goodExposuresByTenantSurface valid exposure lines per pair, every pair present, in name order of the options
 */
public record GenerationSummary(
        Path out,
        LocalDate startDate,
        int days,
        long sessions,
        long exposureLines,
        long outcomeLines,
        long goodClicks,
        long goodConversions,
        Map<BadLineKind, Long> badExposuresByKind,
        Map<BadLineKind, Long> badOutcomesByKind,
        Map<TenantSurface, Long> goodExposuresByTenantSurface) {

    /**
     * What a run over every generated day counts for one stream: lines read = rejected + accepted,
     * with no duplicates (the generator writes none) and nothing out of the window.
     */
    public record StreamCounts(long linesRead, Map<String, Long> rejectedByReason, long duplicates, long accepted) {
        public long rejected() {
            return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public GenerationSummary {
        badExposuresByKind = Collections.unmodifiableMap(everyKind(badExposuresByKind));
        badOutcomesByKind = Collections.unmodifiableMap(everyKind(badOutcomesByKind));
        goodExposuresByTenantSurface = Collections.unmodifiableMap(new LinkedHashMap<>(goodExposuresByTenantSurface));
    }

    public long badExposureLines() {
        return total(badExposuresByKind);
    }

    public long badOutcomeLines() {
        return total(badOutcomesByKind);
    }

    /** Valid exposure events: what {@code --events} asked for. */
    public long goodExposures() {
        return exposureLines - badExposureLines();
    }

    public long goodOutcomes() {
        return goodClicks + goodConversions;
    }

    public long badLines() {
        return badExposureLines() + badOutcomeLines();
    }

    /** Bad lines of both streams per kind, every kind present. */
    public Map<BadLineKind, Long> badLinesByKind() {
        Map<BadLineKind, Long> both = new EnumMap<>(BadLineKind.class);
        badExposuresByKind.forEach((kind, n) -> both.merge(kind, n, Long::sum));
        badOutcomesByKind.forEach((kind, n) -> both.merge(kind, n, Long::sum));
        return both;
    }

    public StreamCounts exposures() {
        return new StreamCounts(exposureLines, byReason(badExposuresByKind), 0, goodExposures());
    }

    public StreamCounts outcomes() {
        return new StreamCounts(outcomeLines, byReason(badOutcomesByKind), 0, goodOutcomes());
    }

    /** What the person who ran {@code generate} reads: the files, then per stream the counts a run will report. */
    public String describe() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "wrote %s (exposures/ and outcomes/, one file per day): %d day(s) from %s, %d (tenant, surface) pairs, "
                        + "%,d sessions%n", out, days, startDate, goodExposuresByTenantSurface.size(), sessions));
        text.append(stream("exposures", exposures(), ""));
        text.append(stream("outcomes", outcomes(), String.format(Locale.ROOT, " (%,d clicks, %,d conversions)",
                goodClicks, goodConversions)));
        text.append("a run over these days reports exactly these counts: lines read, rejected per reason, "
                + "0 duplicates, accepted = valid events");
        return text.toString();
    }

    private static String stream(String name, StreamCounts counts, String validDetail) {
        StringJoiner reasons = new StringJoiner(", ", " (", ")");
        reasons.setEmptyValue("");
        counts.rejectedByReason().forEach((reason, n) -> reasons.add(reason + " " + n));
        return String.format(Locale.ROOT, "  %-10s %,d lines = %,d valid events%s + %,d bad lines%s%n", name + ":",
                counts.linesRead(), counts.accepted(), validDetail, counts.rejected(), reasons);
    }

    /** Reason code to count, only the reasons that occur, sorted as the run report sorts them. */
    private static Map<String, Long> byReason(Map<BadLineKind, Long> byKind) {
        Map<String, Long> reasons = new TreeMap<>();
        byKind.forEach((kind, n) -> {
            if (n > 0) {
                reasons.merge(kind.rejectReason(), n, Long::sum);
            }
        });
        return Collections.unmodifiableMap(reasons);
    }

    private static Map<BadLineKind, Long> everyKind(Map<BadLineKind, Long> counts) {
        Map<BadLineKind, Long> all = new EnumMap<>(BadLineKind.class);
        for (BadLineKind kind : BadLineKind.values()) {
            all.put(kind, counts.getOrDefault(kind, 0L));
        }
        return all;
    }

    private static long total(Map<BadLineKind, Long> byKind) {
        return byKind.values().stream().mapToLong(Long::longValue).sum();
    }
}
