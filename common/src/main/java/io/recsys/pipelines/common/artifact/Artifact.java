package io.recsys.pipelines.common.artifact;

import java.util.Objects;

/** A complete artifact: envelope header plus the payload matching its kind. */
public record Artifact(ArtifactHeader header, ArtifactPayload payload) {
    public Artifact {
        Objects.requireNonNull(header, "artifact header");
        Objects.requireNonNull(payload, "artifact payload");
        // The service decodes the payload by artifact_type, so a mismatch would be unreadable.
        Class<? extends ArtifactPayload> expected = header.kind().spec().payloadType();
        if (!expected.isInstance(payload)) {
            throw new IllegalArgumentException(header.kind().id() + " artifact needs a " + expected.getSimpleName()
                    + ", got " + payload.getClass().getSimpleName());
        }
    }
}
