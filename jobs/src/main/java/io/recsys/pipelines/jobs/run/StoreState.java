package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the first two stages left for the build: the canonicalize stage's result (which days this run
 * canonicalized, from which inputs, which were missing: only with --allow-partial-window), which days
 * it read from the store, and the table versions the builders must read.
 *
 * @param tables per table name, its versions as the run report and the history entry's lineage show them
 */
public record StoreState(RunStores stores, CanonicalizeStage.Result canonicalized, SortedSet<LocalDate> storedDays,
                         long aggregatesWritten, OptionalLong exposuresStored, OptionalLong aggregatesStored,
                         Map<String, TableVersions> tables) {

    public StoreState {
        storedDays = Collections.unmodifiableSortedSet(new TreeSet<>(storedDays));
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /**
     * A table's versions: what the run committed ({@code inStore}: into the operator's store, else
     * into a dry run's scratch table), and, when known, the version its builders read.
     */
    public record TableVersions(boolean inStore, long written, OptionalLong read) {
        Map<String, Object> render() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put(inStore ? "written_version" : "scratch_version", written);
            read.ifPresent(r -> v.put("read_version", r));
            return v;
        }
    }

    /** The part of the state the run summary keeps (no table handles). */
    public record Summary(Map<String, TableVersions> tables, SortedSet<LocalDate> storedDays,
                          SortedSet<LocalDate> missingDays) {
    }

    public Summary summary() {
        return new Summary(tables, storedDays, missingDays());
    }

    public SortedSet<LocalDate> runDays() {
        return canonicalized.days();
    }

    public SortedSet<LocalDate> missingDays() {
        return canonicalized.missing();
    }

    public long exposuresWritten() {
        return canonicalized.versions().get(EventType.EXPOSURE);
    }

    WindowReader exposures() {
        return new WindowReader(stores.canonical().table(EventType.EXPOSURE), OptionalLong.of(exposuresWritten()),
                stores.storedCanonical().table(EventType.EXPOSURE), exposuresStored, runDays());
    }

    WindowReader aggregates() {
        return new WindowReader(stores.aggregates().table(), OptionalLong.of(aggregatesWritten),
                stores.storedAggregates().table(), aggregatesStored, runDays());
    }

    /** The tables as the report and the lineage show them. */
    static Map<String, Object> render(Map<String, TableVersions> tables) {
        Map<String, Object> out = new LinkedHashMap<>();
        tables.forEach((name, v) -> out.put(name, v.render()));
        return out;
    }

    static List<String> days(SortedSet<LocalDate> days) {
        return days.stream().map(LocalDate::toString).toList();
    }
}
