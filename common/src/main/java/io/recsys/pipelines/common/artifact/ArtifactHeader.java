package io.recsys.pipelines.common.artifact;

import java.util.Objects;

/**
 * The envelope fields that identify an artifact. A null segment is normalised to empty, which the
 * encoder omits, matching Go's {@code omitempty}.
 */
public record ArtifactHeader(ArtifactKind kind, String tenant, String surface, String segment, ArtifactWindow window) {
    public ArtifactHeader {
        Objects.requireNonNull(kind, "artifact kind");
        Objects.requireNonNull(window, "artifact window");
        // The service rejects artifacts with an empty tenant or surface.
        if (tenant == null || tenant.isEmpty()) {
            throw new IllegalArgumentException("artifact tenant must not be empty");
        }
        if (surface == null || surface.isEmpty()) {
            throw new IllegalArgumentException("artifact surface must not be empty");
        }
        segment = segment == null ? "" : segment;
    }

    public boolean hasSegment() {
        return !segment.isEmpty();
    }
}
