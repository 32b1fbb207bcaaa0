package io.recsys.pipelines.jobs.build;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ArtifactPayload;
import io.recsys.pipelines.jobs.run.TenantSurface;

import java.util.Map;

/** Builds one artifact kind for every (tenant, surface) of a window in one Spark job. */
public interface KindBuilder {
    ArtifactKind kind();

    Built build(WindowInputs inputs);

    /** Payloads per pair (only bounded top-N results), and counts for the run report. */
    record Built(Map<TenantSurface, ? extends ArtifactPayload> payloads, Map<String, Object> stats) {
    }
}
