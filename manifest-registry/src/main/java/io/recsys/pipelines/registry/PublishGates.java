package io.recsys.pipelines.registry;

/** Contract section 7: limits checked before the swap. {@code force} passes the drop gate only. */
public record PublishGates(long maxArtifactBytes, int minItems, double maxDropRatio, boolean force) {
}
