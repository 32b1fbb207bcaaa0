package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.events.EventType;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedSet;

/**
 * What the first two stages left for the build: which days this run canonicalized, which it read
 * from the store, which were missing (only with --allow-partial-window), and the table versions
 * the builders must read.
 *
 * @param tables per table name, its versions as the run report and the history entry's lineage show them
 */
public record StoreState(RunStores stores, SortedSet<LocalDate> runDays, SortedSet<LocalDate> storedDays,
                         SortedSet<LocalDate> missingDays, long exposuresWritten, long aggregatesWritten,
                         OptionalLong exposuresStored, OptionalLong aggregatesStored,
                         Map<String, Map<String, Object>> tables) {

    WindowReader exposures() {
        return new WindowReader(stores.canonical().table(EventType.EXPOSURE), OptionalLong.of(exposuresWritten),
                stores.storedCanonical().table(EventType.EXPOSURE), exposuresStored, runDays);
    }

    WindowReader aggregates() {
        return new WindowReader(stores.aggregates().table(), OptionalLong.of(aggregatesWritten),
                stores.storedAggregates().table(), aggregatesStored, runDays);
    }

    /** What the history entry's lineage adds: the table versions, and the days a partial window lacked. */
    public Map<String, Object> lineage() {
        Map<String, Object> lineage = new LinkedHashMap<>();
        lineage.put("tables", tables);
        if (!missingDays.isEmpty()) {
            lineage.put("missing_days", days(missingDays));
        }
        return lineage;
    }

    static List<String> days(SortedSet<LocalDate> days) {
        return days.stream().map(LocalDate::toString).toList();
    }
}
