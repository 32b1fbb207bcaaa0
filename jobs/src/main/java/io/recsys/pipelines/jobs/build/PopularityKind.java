package io.recsys.pipelines.jobs.build;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.PopularityPayload;

import java.util.Map;
import java.util.TreeMap;

/** Popularity from the window's daily aggregates (contract 3: windows add up daily partials). */
public final class PopularityKind implements KindBuilder {
    @Override
    public ArtifactKind kind() {
        return ArtifactKind.POPULARITY;
    }

    @Override
    public Built build(WindowInputs in) {
        Map<io.recsys.pipelines.jobs.run.TenantSurface, PopularityPayload> payloads = new TreeMap<>();
        PopularityBuilder.collect(PopularityBuilder.topN(in.dailyAggregates(), in.config().popularityWeights(),
                in.config().limits().maxItemsPerArtifact()))
                .forEach((pair, items) -> payloads.put(pair, new PopularityPayload(items)));
        return new Built(payloads, Map.of());
    }
}
