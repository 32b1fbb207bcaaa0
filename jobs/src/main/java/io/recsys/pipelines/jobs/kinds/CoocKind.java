package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactKind;

import java.util.Map;
import java.util.TreeMap;

/**
 * cooc from the window's canonical exposures; the anchor cap's exposure counts come from the daily
 * aggregates, which already hold them. Sessions over the item cap are counted per pair.
 */
public final class CoocKind implements KindBuilder {
    @Override
    public ArtifactKind kind() {
        return ArtifactKind.COOC;
    }

    @Override
    public Built build(WindowInputs in) {
        CoocBuilder.Streamed built = CoocBuilder.build(in.exposures(),
                CoocBuilder.exposureCountsFromAggregates(in.dailyAggregates()), CoocLimits.of(in.config().limits()));
        Map<String, Object> skipped = new TreeMap<>();
        built.skippedSessions().forEach((pair, n) -> skipped.put(pair.toString(), n));
        return new Built(built.payloads(), Map.of("sessions_over_item_cap_skipped", skipped));
    }
}
