package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizedDays;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which pairs each day of a run's windows was canonicalized for (the records of every run, read once).
 * A window day that was canonicalized for other pairs only is not silently part of a pair's window:
 * the run names the pairs whose artifacts count nothing for such days, since their input for that day
 * may never have arrived.
 */
final class PairCoverage {
    /** Pairs named before "and N more". */
    static final int LISTED = 10;

    private final Map<LocalDate, Set<PairFilter>> records;

    private PairCoverage(Map<LocalDate, Set<PairFilter>> records) {
        this.records = records;
    }

    /** The records of {@code span} in every given record table (the store's, and a dry run's scratch). */
    static PairCoverage read(Collection<CanonicalizedDays> tables, DateWindow span) {
        Map<LocalDate, Set<PairFilter>> records = new TreeMap<>();
        Map<String, CanonicalizedDays> byRoot = new TreeMap<>();
        tables.forEach(t -> byRoot.putIfAbsent(t.root().toString(), t));
        for (CanonicalizedDays table : byRoot.values()) {
            table.coverage(span.days()).forEach((day, scopes) ->
                    records.computeIfAbsent(day, d -> new HashSet<>()).addAll(scopes));
        }
        return new PairCoverage(records);
    }

    /** The days of {@code window} recorded for some pairs but not for {@code pair}. */
    SortedSet<LocalDate> uncovered(TenantSurface pair, DateWindow window) {
        SortedSet<LocalDate> gaps = new TreeSet<>();
        for (LocalDate day : window.days()) {
            Set<PairFilter> scopes = records.get(day);
            if (scopes != null && scopes.stream().noneMatch(s -> s.matches(pair))) {
                gaps.add(day);
            }
        }
        return gaps;
    }

    /** The warning naming the pairs of {@code pairs} with such days in {@code window}, if any. */
    Optional<String> gaps(List<TenantSurface> pairs, DateWindow window) {
        List<String> named = new ArrayList<>();
        int count = 0;
        for (TenantSurface pair : pairs) {
            SortedSet<LocalDate> days = uncovered(pair, window);
            if (!days.isEmpty()) {
                if (count++ < LISTED) {
                    named.add(pair + " " + StoreState.days(days));
                }
            }
        }
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(count + " (tenant, surface) pair(s) have days in window " + window + " that no run's input "
                + "held for them (other pairs' input for those days was canonicalized): " + String.join(", ", named)
                + (count > LISTED ? " and " + (count - LISTED) + " more" : "") + "; their artifacts count no events "
                + "for those days. If that input exists, run those days for those pairs.");
    }
}
