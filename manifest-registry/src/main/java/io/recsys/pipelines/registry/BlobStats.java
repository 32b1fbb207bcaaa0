package io.recsys.pipelines.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.KindSpec;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Figures read from a published blob, for gates and dry-run plans, as the kind's spec counts them.
 * An unreadable blob counts as empty.
 */
final class BlobStats {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BlobStats() {
    }

    /** What a consumer gets, counted as the artifact's own item count is (ArtifactPayload#itemCount). */
    static int items(ArtifactKind kind, byte[] blob) {
        return kind.spec().itemCount(payload(kind, blob));
    }

    /** The sum of the counts the volume gates compare. */
    static long total(ArtifactKind kind, KindSpec.RankedCounts ranked, byte[] blob) {
        return ranked.total(payload(kind, blob));
    }

    /**
     * The share of the live top-{@code n} item ids that are not in the candidate's top {@code n}: 0
     * when the head of the list is the same set, 1 when it is entirely new.
     */
    static double topChanged(ArtifactKind kind, KindSpec.RankedCounts ranked, byte[] live, byte[] candidate, int n) {
        Set<String> before = ranked.topIds(payload(kind, live), n);
        if (before.isEmpty()) {
            return 0.0;
        }
        Set<String> gone = new HashSet<>(before);
        gone.removeAll(ranked.topIds(payload(kind, candidate), n));
        return (double) gone.size() / before.size();
    }

    private static JsonNode payload(ArtifactKind kind, byte[] blob) {
        try {
            return MAPPER.readTree(blob).path(kind.payloadKey());
        } catch (IOException e) {
            return MAPPER.createArrayNode();
        }
    }
}
