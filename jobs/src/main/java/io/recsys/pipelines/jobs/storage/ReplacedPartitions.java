package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.Column;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.expr;

/**
 * The (tenant, surface, day) partitions one run replaces, in the canonical tables and the
 * aggregates alike: the unit of ownership is the pair, so a run never deletes a pair's day it has
 * no new rows for, unless it was told to own that day.
 *
 * <p>Two forms. {@link #heldBy} (the default): per day, exactly the pairs the input holds events
 * of; every other pair's day is kept. {@link #wholeDays}: the days within a scope (an explicit
 * {@code --tenant}/{@code --surface}, or {@code --replace-whole-days}), so a pair of the scope
 * without events loses its old rows, as an operator who names the scope means; both forms leave out
 * pairs that are over their reject budget, which commit nothing.
 *
 * <p>One definition serves the {@code replaceWhere} predicate (SQL text: values are quoted literals,
 * never spliced), the filter that reads the same partitions back, and the coverage records.
 */
public final class ReplacedPartitions {
    private final SortedMap<LocalDate, SortedSet<TenantSurface>> held;
    private final SortedSet<LocalDate> wholeDays;
    private final PairFilter scope;
    private final SortedSet<TenantSurface> excluded;

    private ReplacedPartitions(SortedMap<LocalDate, SortedSet<TenantSurface>> held, SortedSet<LocalDate> wholeDays,
                               PairFilter scope, SortedSet<TenantSurface> excluded) {
        this.held = held;
        this.wholeDays = wholeDays;
        this.scope = scope;
        this.excluded = excluded;
    }

    /** Per day, the pairs the input holds ({@code held}), less {@code excluded}. */
    public static ReplacedPartitions heldBy(Map<LocalDate, ? extends Set<TenantSurface>> held,
                                            Set<TenantSurface> excluded) {
        SortedMap<LocalDate, SortedSet<TenantSurface>> kept = new TreeMap<>();
        held.forEach((day, pairs) -> {
            SortedSet<TenantSurface> p = new TreeSet<>(pairs);
            p.removeAll(excluded);
            if (!p.isEmpty()) {
                kept.put(day, p);
            }
        });
        return new ReplacedPartitions(kept, new TreeSet<>(), PairFilter.ALL, new TreeSet<>());
    }

    /**
     * Every pair of {@code scope} on {@code days}, less {@code excluded}; {@code held} (the pairs the
     * input holds, per day) only names the coverage when exclusions leave the scope incomplete.
     */
    public static ReplacedPartitions wholeDays(Set<LocalDate> days, PairFilter scope, Set<TenantSurface> excluded,
                                               Map<LocalDate, ? extends Set<TenantSurface>> held) {
        SortedSet<TenantSurface> out = new TreeSet<>();
        excluded.stream().filter(scope::matches).forEach(out::add);
        boolean onePair = scope.tenant() != null && scope.surface() != null;
        if (onePair && !out.isEmpty()) {
            return heldBy(Map.of(), Set.of()); // the scope's one pair is refused: nothing to replace
        }
        SortedMap<LocalDate, SortedSet<TenantSurface>> byDay = new TreeMap<>();
        held.forEach((day, pairs) -> byDay.put(day, new TreeSet<>(pairs)));
        return new ReplacedPartitions(byDay, new TreeSet<>(days), scope, out);
    }

    public boolean isEmpty() {
        return wholeDays.isEmpty() && held.isEmpty();
    }

    /** The days this replace touches at all. */
    public SortedSet<LocalDate> days() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(isWhole() ? wholeDays : held.keySet()));
    }

    public boolean isWhole() {
        return !wholeDays.isEmpty();
    }

    /** Whether the commit replaces {@code pair}'s rows of {@code day}. */
    public boolean replaces(TenantSurface pair, LocalDate day) {
        if (isWhole()) {
            return wholeDays.contains(day) && scope.matches(pair) && !excluded.contains(pair);
        }
        return held.getOrDefault(day, Collections.emptySortedSet()).contains(pair);
    }

    /** The {@code replaceWhere} predicate: partition columns only, so Delta replaces files without reading them. */
    public String predicate() {
        if (isEmpty()) {
            throw new IllegalStateException("nothing to replace");
        }
        if (isWhole()) {
            String sql = ReplacePredicate.of(wholeDays, scope);
            return excluded.isEmpty() ? sql : sql + " AND NOT (" + pairsPredicate(excluded) + ")";
        }
        // Pairs held on the same days share one clause: a daily run is one clause, whatever its pairs.
        Map<SortedSet<LocalDate>, SortedSet<TenantSurface>> byDays = new TreeMap<>(
                (a, b) -> a.toString().compareTo(b.toString()));
        Map<TenantSurface, SortedSet<LocalDate>> daysOfPair = new TreeMap<>();
        held.forEach((day, pairs) -> pairs.forEach(p -> daysOfPair.computeIfAbsent(p, x -> new TreeSet<>()).add(day)));
        daysOfPair.forEach((pair, days) -> byDays.computeIfAbsent(days, d -> new TreeSet<>()).add(pair));
        List<String> clauses = new ArrayList<>();
        byDays.forEach((days, pairs) -> clauses.add("(" + ReplacePredicate.of(days, PairFilter.ALL) + " AND ("
                + pairsPredicate(pairs) + "))"));
        return String.join(" OR ", clauses);
    }

    /** The same partitions as a filter, for reading them back (the aggregates of exactly what was replaced). */
    public Column filter() {
        return expr(predicate());
    }

    /**
     * What a record of canonicalized days can claim after this replace: the scope of each whole day
     * when the whole scope was replaced, else each replaced pair's own day.
     */
    public SortedMap<LocalDate, List<PairFilter>> coverage() {
        SortedMap<LocalDate, List<PairFilter>> out = new TreeMap<>();
        if (isWhole() && excluded.isEmpty()) {
            wholeDays.forEach(d -> out.put(d, List.of(scope)));
            return out;
        }
        held.forEach((day, pairs) -> {
            if (!isWhole() || wholeDays.contains(day)) {
                List<PairFilter> records = pairs.stream().filter(p -> replaces(p, day))
                        .map(p -> new PairFilter(p.tenant(), p.surface())).toList();
                if (!records.isEmpty()) {
                    out.put(day, records);
                }
            }
        });
        return out;
    }

    /** {@code (tenant = 'a' AND surface IN ('x', 'y')) OR ...}, one clause per tenant. */
    private static String pairsPredicate(Set<TenantSurface> pairs) {
        Map<String, SortedSet<String>> surfaces = new TreeMap<>();
        pairs.forEach(p -> surfaces.computeIfAbsent(p.tenant(), t -> new TreeSet<>()).add(p.surface()));
        return surfaces.entrySet().stream()
                .map(e -> "(tenant = " + ReplacePredicate.literal(e.getKey()) + " AND surface IN ("
                        + e.getValue().stream().map(ReplacePredicate::literal).collect(Collectors.joining(", ")) + "))")
                .collect(Collectors.joining(" OR "));
    }

    @Override
    public String toString() {
        if (isWhole()) {
            return "days " + wholeDays + " of " + scope + (excluded.isEmpty() ? "" : " except " + excluded);
        }
        return held.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().size() + " pair(s)")
                .collect(Collectors.joining(", ", "held partitions {", "}"));
    }
}
