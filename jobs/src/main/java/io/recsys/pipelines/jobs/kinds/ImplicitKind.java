package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.pair.TenantSurface;

import java.util.Map;

/** implicit: per-user exposure counts from the window's canonical exposures, for pairs within the user cap. */
public final class ImplicitKind implements KindBuilder {
    private final UserCap cap;

    ImplicitKind(UserCap cap) {
        this.cap = cap;
    }

    @Override
    public ArtifactKind kind() {
        return ArtifactKind.IMPLICIT;
    }

    @Override
    public Built build(WindowInputs in) {
        Map<TenantSurface, Long> over = cap.overCap(in);
        return cap.built(kind(), UserItemScores.payloads(ImplicitBuilder.topN(UserCap.without(in.exposures(), over.keySet()),
                in.config().limits().maxItemsPerUser()), over.keySet()), over);
    }
}
