package io.recsys.pipelines.jobs.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of the synthetic raw-event generator. Error messages name the {@code generate} CLI
 * flags, because that is where a user sets them.
 *
 * @param out       root directory; files go to {@code out/exposures/} and {@code out/outcomes/}
 * @param events    valid exposure events in total, spread evenly over the days (bad lines come on top)
 * @param days      number of consecutive UTC days, one file per stream and day
 * @param startDate the first day
 * @param tenants   number of tenants ({@code demo}, {@code acme}, {@code globex}, {@code initech}, {@code tenant5}, ...)
 * @param surfaces  number of surfaces per tenant ({@code home}, {@code pdp}, {@code cart}, {@code search}, {@code surface5}, ...)
 * @param items     catalog size of every tenant
 * @param users     number of distinct users
 * @param seed      equal options with an equal seed give byte-identical files
 * @param badRatio  share of bad lines among all lines written, in [0, 1): bad copies of events are added
 *                  between the valid lines, never instead of them
 */
public record GeneratorOptions(
        Path out,
        long events,
        int days,
        LocalDate startDate,
        int tenants,
        int surfaces,
        int items,
        int users,
        long seed,
        double badRatio) {

    private static final List<String> TENANT_NAMES = List.of("demo", "acme", "globex", "initech");
    private static final List<String> SURFACE_NAMES = List.of("home", "pdp", "cart", "search");

    public GeneratorOptions {
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        if (startDate == null) {
            throw new IllegalArgumentException("--start-date is required");
        }
        requirePositive("--events", events);
        requirePositive("--days", days);
        requirePositive("--tenants", tenants);
        requirePositive("--surfaces", surfaces);
        requirePositive("--items", items);
        requirePositive("--users", users);
        // Written this way round so that NaN is rejected too.
        if (!(badRatio >= 0 && badRatio < 1)) {
            throw new IllegalArgumentException("--bad-ratio must be >= 0 and < 1, got " + badRatio);
        }
    }

    /** 10,000 events on 2026-01-01 for 2 tenants x 2 surfaces, 500 items, 1,000 users, seed 42, no bad lines. */
    public static GeneratorOptions defaults(Path out) {
        return new GeneratorOptions(out, 10_000, 1, LocalDate.of(2026, 1, 1), 2, 2, 500, 1_000, 42, 0.0);
    }

    /** Tenant names in order; the first is always {@code demo}. */
    public List<String> tenantNames() {
        return names(TENANT_NAMES, "tenant", tenants);
    }

    /** Surface names in order; the first is always {@code home}. */
    public List<String> surfaceNames() {
        return names(SURFACE_NAMES, "surface", surfaces);
    }

    private static List<String> names(List<String> known, String prefix, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(i < known.size() ? known.get(i) : prefix + (i + 1));
        }
        return List.copyOf(names);
    }

    private static void requirePositive(String flag, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(flag + " must be > 0, got " + value);
        }
    }
}
