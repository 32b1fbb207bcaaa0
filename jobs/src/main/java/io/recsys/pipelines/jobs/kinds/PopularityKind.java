package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactKind;

import java.util.Map;

/** Popularity from the window's daily aggregates (contract 3: windows add up daily partials). */
public final class PopularityKind implements KindBuilder {
    @Override
    public ArtifactKind kind() {
        return ArtifactKind.POPULARITY;
    }

    @Override
    public Built build(WindowInputs in) {
        return new Built(PopularityBuilder.stream(PopularityBuilder.topItems(in.dailyAggregates(),
                in.config().popularityWeights(), in.config().limits().maxItemsPerArtifact())), Map.of());
    }
}
