package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.config.PipelineConfig;

/**
 * Contract section 7: limits checked before the swap. {@code force} passes the popularity drop
 * gate and lets a version that a rollback rejected go live again; both are recorded in the
 * history entry. The service's checks, the version hash, the size and min_items are never forced.
 */
public record PublishGates(long maxArtifactBytes, int minItems, double maxDropRatio, boolean force) {

    public static PublishGates fromConfig(PipelineConfig.PublishGates config, boolean force) {
        return new PublishGates(config.maxArtifactBytes(), config.minItems(), config.maxDropRatio(), force);
    }
}
