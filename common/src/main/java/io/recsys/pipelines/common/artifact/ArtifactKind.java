package io.recsys.pipelines.common.artifact;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The five artifact kinds the service reads, by their wire id (contract 4.2); what each one carries
 * and how it is checked is its {@link #spec()}. Code passes kinds as this type: an id is turned into a
 * kind once, where it is read (config, CLI options, manifest keys).
 */
public enum ArtifactKind {
    POPULARITY("popularity", KindSpec.POPULARITY),
    COOC("cooc", KindSpec.COOC),
    IMPLICIT("implicit", KindSpec.USER_SCORES),
    SESSION_SEQ("session_seq", KindSpec.USER_SCORES),
    CONTENT_SIM("content_sim", KindSpec.CONTENT_SIM);

    private final String id;
    private final KindSpec<?> spec;

    ArtifactKind(String id, KindSpec<?> spec) {
        this.id = id;
        this.spec = spec;
    }

    /** The value of {@code artifact_type}, also used in blob keys and CLI options. */
    public String id() {
        return id;
    }

    /** The kind's payload, empty payload, shape check and gate hooks. */
    public KindSpec<?> spec() {
        return spec;
    }

    /** The envelope key holding the payload array. */
    public String payloadKey() {
        return spec.payloadKey();
    }

    /** What {@link ArtifactPayload#itemCount()} counts for this kind ({@link KindSpec#countLabel()}). */
    public String countLabel() {
        return spec.countLabel();
    }

    public static ArtifactKind fromId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown artifact kind '" + id
                + "'; valid kinds: " + Arrays.stream(values()).map(ArtifactKind::id).collect(Collectors.joining(", "))));
    }

    /** The kind of {@code id}; empty for a kind this release does not know (a manifest may name one). */
    public static Optional<ArtifactKind> find(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
    }
}
