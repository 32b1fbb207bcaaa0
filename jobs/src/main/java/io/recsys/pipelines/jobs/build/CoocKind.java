package io.recsys.pipelines.jobs.build;

import io.recsys.pipelines.common.artifact.ArtifactKind;

import java.util.Map;
import java.util.TreeMap;

/** cooc from the window's canonical exposures; sessions over the item cap are counted per pair. */
public final class CoocKind implements KindBuilder {
    @Override
    public ArtifactKind kind() {
        return ArtifactKind.COOC;
    }

    @Override
    public Built build(WindowInputs in) {
        CoocBuilder.Result result = CoocBuilder.collect(in.exposures(), CoocLimits.of(in.config().limits()));
        Map<String, Object> skipped = new TreeMap<>();
        result.skippedSessions().forEach((pair, n) -> skipped.put(pair.toString(), n));
        return new Built(result.payloads(), Map.of("sessions_over_item_cap_skipped", skipped));
    }
}
