package io.recsys.pipelines.registry;

/**
 * One artifact as the registry knows it: enough to name, locate, validate and explain it
 * without opening the blob.
 */
public record ArtifactRef(
        String kind,
        String version,
        String uri,
        String segment,
        String windowStart,
        String windowEnd,
        int items,
        long bytes,
        String builtAt,
        String runId) {
}
