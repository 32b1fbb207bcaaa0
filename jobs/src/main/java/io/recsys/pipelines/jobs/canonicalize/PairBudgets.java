package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.hadoop.fs.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The reject budget of each (tenant, surface): its rejected lines over its lines read, per stream,
 * against limits.max_reject_ratio. One pair's junk is that pair's problem: it commits and publishes
 * nothing, and every other pair goes on.
 */
final class PairBudgets {
    private PairBudgets() {
    }

    /** The pairs of {@code scope} over {@code max} in any stream, each with the reasons, in pair order. */
    static Map<TenantSurface, String> overBudget(Map<EventType, StreamCounts> counts, PairFilter scope, double max,
                                                 Function<EventType, Path> rejectsFolder) {
        Map<TenantSurface, List<String>> over = new TreeMap<>();
        counts.forEach((type, c) -> c.linesByPair().forEach((pair, lines) -> {
            if (scope.matches(pair) && lines.rejectRatio() > max) {
                over.computeIfAbsent(pair, p -> new ArrayList<>()).add(String.format(Locale.ROOT,
                        "%s: %d of %d lines rejected (%.2f%%; %s), rejects in %s/tenant=%s/surface=%s",
                        CanonicalizeStage.streamName(type), lines.rejected(), lines.lines(), 100.0 * lines.rejectRatio(),
                        CanonicalizeStage.reasons(lines.rejectedByReason()), rejectsFolder.apply(type), pair.tenant(),
                        pair.surface()));
            }
        }));
        Map<TenantSurface, String> refused = new TreeMap<>();
        over.forEach((pair, streams) -> refused.put(pair, pair + " over its reject budget (limits.max_reject_ratio = "
                + max + "): " + String.join("; ", streams) + ". Nothing of this pair was written or published."));
        return refused;
    }
}
