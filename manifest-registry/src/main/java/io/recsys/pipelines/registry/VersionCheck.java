package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.ArtifactEncoder;

import java.util.Optional;

/** Whether a stored blob still hashes to the version it is published under (contract 4.3). */
final class VersionCheck {
    private VersionCheck() {
    }

    static Optional<String> problem(String version, byte[] blob) {
        String recomputed;
        try {
            recomputed = ArtifactEncoder.recomputeVersion(blob);
        } catch (IllegalArgumentException e) {
            return Optional.of("its version cannot be recomputed: " + e.getMessage());
        }
        if (version.equals(recomputed)) {
            return Optional.empty();
        }
        return Optional.of("stored blob hashes to " + recomputed + ", not to its version " + version
                + " (modified after it was written? delete it and re-run)");
    }
}
