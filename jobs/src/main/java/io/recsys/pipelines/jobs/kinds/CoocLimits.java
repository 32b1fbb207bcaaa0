package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.config.PipelineConfig;

/** The limits of contract section 9 that shape a {@code cooc} artifact. */
public record CoocLimits(int minSupport, int maxNeighborsPerItem, int maxItemsPerArtifact, int maxItemsPerSession) {
    public CoocLimits {
        if (minSupport < 1 || maxNeighborsPerItem < 1 || maxItemsPerArtifact < 1 || maxItemsPerSession < 2) {
            throw new IllegalArgumentException("cooc limits out of range: " + minSupport + ", " + maxNeighborsPerItem
                    + ", " + maxItemsPerArtifact + ", " + maxItemsPerSession);
        }
    }

    public static CoocLimits of(PipelineConfig.Limits limits) {
        return new CoocLimits(limits.minCoocSupport(), limits.maxNeighborsPerItem(), limits.maxItemsPerArtifact(),
                limits.maxItemsPerSession());
    }
}
