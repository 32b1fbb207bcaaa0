package io.recsys.pipelines.jobs.build;

import io.recsys.pipelines.common.artifact.ArtifactKind;

import java.util.Map;

/** session_seq: per-user next-item transitions from the window's canonical exposures. */
public final class SessionSeqKind implements KindBuilder {
    @Override
    public ArtifactKind kind() {
        return ArtifactKind.SESSION_SEQ;
    }

    @Override
    public Built build(WindowInputs in) {
        return new Built(SessionSeqBuilder.collect(SessionSeqBuilder.topN(in.exposures(),
                in.config().limits().maxItemsPerUser())), Map.of());
    }
}
