package io.recsys.pipelines.jobs.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a generator run wrote, exactly, so that tests of the jobs that read the files can assert
 * exact numbers.
 *
 * @param exposureLines                every line of the exposure files, bad ones included
 * @param outcomeLines                 every line of the outcome files, bad ones included
 * @param goodClicks                   valid {@code click} lines
 * @param goodConversions              valid {@code conversion} lines
 * @param badLinesByKind               bad lines of both streams per kind, every kind present
 * @param goodExposuresByTenantSurface valid exposure lines per pair, every pair present, in name order of the options
 */
public record GenerationSummary(
        Path out,
        LocalDate startDate,
        int days,
        long sessions,
        long exposureLines,
        long outcomeLines,
        long badExposureLines,
        long badOutcomeLines,
        long goodClicks,
        long goodConversions,
        Map<BadLineKind, Long> badLinesByKind,
        Map<TenantSurface, Long> goodExposuresByTenantSurface) {

    /** The key of the per-pair counts. */
    public record TenantSurface(String tenant, String surface) {
    }

    public GenerationSummary {
        badLinesByKind = Collections.unmodifiableMap(new LinkedHashMap<>(badLinesByKind));
        goodExposuresByTenantSurface = Collections.unmodifiableMap(new LinkedHashMap<>(goodExposuresByTenantSurface));
    }

    public long goodExposures() {
        return exposureLines - badExposureLines;
    }

    public long badLines() {
        return badExposureLines + badOutcomeLines;
    }

    /** One paragraph for the person who ran {@code generate}. */
    public String describe() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Wrote %,d exposure lines and %,d outcome lines (%,d valid clicks, %,d valid conversions) from %,d sessions "
                        + "over %d day(s) starting %s for %d tenant/surface pairs, into %s "
                        + "(exposures/ and outcomes/, one file per day).",
                exposureLines, outcomeLines, goodClicks, goodConversions, sessions,
                days, startDate, goodExposuresByTenantSurface.size(), out));
        if (badLines() == 0) {
            return text.append(" No bad lines.").toString();
        }
        StringJoiner kinds = new StringJoiner(", ");
        badLinesByKind.forEach((kind, count) -> {
            if (count > 0) {
                kinds.add(kind.name().toLowerCase(Locale.ROOT) + " " + count);
            }
        });
        return text.append(String.format(Locale.ROOT, " %,d bad lines (%,d exposure, %,d outcome): %s.",
                badLines(), badExposureLines, badOutcomeLines, kinds)).toString();
    }
}
