package io.recsys.pipelines.registry;

import java.util.Map;

/** What a run asks the registry to make live for one (tenant, surface). */
public record PublishRequest(
        String tenant,
        String surface,
        Map<String, ArtifactRef> artifacts,
        String runId,
        String who,
        String reason,
        boolean forced,
        Map<String, Object> validation,
        Map<String, Object> lineage) {
}
