package io.recsys.pipelines.jobs.build;

import io.recsys.pipelines.common.artifact.ArtifactKind;

import java.util.Map;

/** implicit: per-user exposure counts from the window's canonical exposures. */
public final class ImplicitKind implements KindBuilder {
    @Override
    public ArtifactKind kind() {
        return ArtifactKind.IMPLICIT;
    }

    @Override
    public Built build(WindowInputs in) {
        return new Built(ImplicitBuilder.collect(ImplicitBuilder.topN(in.exposures(),
                in.config().limits().maxItemsPerUser())), Map.of());
    }
}
