package io.recsys.pipelines.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.pipelines.common.artifact.ArtifactKind;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** Figures read from a published blob, for gates and dry-run plans. An unreadable blob counts as empty. */
final class BlobStats {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BlobStats() {
    }

    /**
     * What a consumer gets, counted as the artifact's own item count is (ArtifactPayload#itemCount):
     * popularity items, cooc anchors with a neighbour, users with an item, items with a tag.
     */
    static int items(String kind, byte[] blob) {
        String nested = switch (kind) {
            case "popularity" -> null;
            case "content_sim" -> "tags";
            default -> "items";
        };
        int count = 0;
        for (JsonNode entry : payload(kind, blob)) {
            if (nested == null || !entry.path(nested).isEmpty()) {
                count++;
            }
        }
        return count;
    }

    static long popularityTotal(byte[] blob) {
        long total = 0;
        for (JsonNode item : payload("popularity", blob)) {
            total += item.path("count").asLong();
        }
        return total;
    }

    /**
     * The share of the live top-{@code n} item ids that are not in the candidate's top {@code n}: 0
     * when the head of the list is the same set, 1 when it is entirely new.
     */
    static double topChanged(byte[] live, byte[] candidate, int n) {
        Set<String> before = topIds(live, n);
        if (before.isEmpty()) {
            return 0.0;
        }
        Set<String> gone = new HashSet<>(before);
        gone.removeAll(topIds(candidate, n));
        return (double) gone.size() / before.size();
    }

    private static Set<String> topIds(byte[] blob, int n) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode item : payload("popularity", blob)) {
            if (ids.size() == n) {
                break;
            }
            ids.add(item.path("item_id").asText());
        }
        return ids;
    }

    private static JsonNode payload(String kind, byte[] blob) {
        try {
            return MAPPER.readTree(blob).path(ArtifactKind.fromId(kind).payloadKey());
        } catch (IOException | IllegalArgumentException e) {
            return MAPPER.createArrayNode();
        }
    }
}
