package io.recsys.pipelines.common.artifact;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The five artifact kinds the service reads, with their wire id and payload key (contract 4.2). */
public enum ArtifactKind {
    POPULARITY("popularity", "items"),
    COOC("cooc", "neighbors"),
    IMPLICIT("implicit", "users"),
    SESSION_SEQ("session_seq", "users"),
    CONTENT_SIM("content_sim", "items");

    private final String id;
    private final String payloadKey;

    ArtifactKind(String id, String payloadKey) {
        this.id = id;
        this.payloadKey = payloadKey;
    }

    /** The value of {@code artifact_type}, also used in blob keys and CLI options. */
    public String id() {
        return id;
    }

    /** The envelope key holding the payload array. */
    public String payloadKey() {
        return payloadKey;
    }

    /**
     * What {@link ArtifactPayload#itemCount()} counts for this kind, for every place that prints it:
     * what a consumer gets, not the rows of the payload.
     */
    public String countLabel() {
        return switch (this) {
            case POPULARITY -> "items";
            case COOC -> "anchors with neighbours";
            case IMPLICIT, SESSION_SEQ -> "users with items";
            case CONTENT_SIM -> "items with tags";
        };
    }

    public static ArtifactKind fromId(String id) {
        for (ArtifactKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown artifact kind '" + id + "'; valid kinds: "
                + Arrays.stream(values()).map(ArtifactKind::id).collect(Collectors.joining(", ")));
    }
}
