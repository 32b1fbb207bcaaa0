package io.recsys.pipelines.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.pipelines.common.artifact.ArtifactKind;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks the service makes before it accepts a manifest or an artifact (contract section 8),
 * so that the registry refuses to publish what the service would reject. An empty list means the
 * service would accept it.
 */
public final class ServiceReaderChecks {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ServiceReaderChecks() {
    }

    public static List<String> artifactProblems(byte[] blob, ArtifactKind kind, String tenant, String surface,
                                                long maxBytes) {
        return artifactProblems(blob, kind.id(), Optional.of(kind), tenant, surface, maxBytes);
    }

    /** The checks of a blob a manifest names under {@code kindId}, which may be a kind this release does not know. */
    public static List<String> artifactProblems(byte[] blob, String kindId, String tenant, String surface, long maxBytes) {
        return artifactProblems(blob, kindId, ArtifactKind.find(kindId), tenant, surface, maxBytes);
    }

    private static List<String> artifactProblems(byte[] blob, String kindId, Optional<ArtifactKind> kind, String tenant,
                                                 String surface, long maxBytes) {
        List<String> problems = new ArrayList<>();
        if (blob.length > maxBytes) {
            problems.add("size " + blob.length + " bytes is over the service limit of " + maxBytes);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(blob);
        } catch (IOException e) {
            problems.add("not decodable JSON: " + e.getMessage());
            return problems;
        }
        if (root == null || !root.isObject()) {
            problems.add("not a JSON object");
            return problems;
        }
        if (!root.path("v").isIntegralNumber() || root.path("v").asLong() != 1) {
            problems.add("v is not the integer 1");
        }
        if (!kindId.equals(root.path("artifact_type").asText(null))) {
            problems.add("artifact_type is " + root.path("artifact_type") + ", expected \"" + kindId + "\"");
        }
        requireText(root, "tenant", tenant, problems);
        requireText(root, "surface", surface, problems);
        JsonNode window = root.path("window");
        requireRfc3339(window.path("start"), "window.start", problems);
        requireRfc3339(window.path("end"), "window.end", problems);
        if (kind.isPresent()) {
            kind.get().spec().checkShape(root, problems);
        } else {
            problems.add("unknown artifact kind " + kindId);
        }
        return problems;
    }

    public static List<String> manifestProblems(byte[] bytes, String tenant, String surface) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            problems.add("manifest is not decodable JSON: " + e.getMessage());
            return problems;
        }
        if (root == null || !root.isObject()) {
            problems.add("manifest is not a JSON object");
            return problems;
        }
        if (!root.path("v").isIntegralNumber() || root.path("v").asLong() != 1) {
            problems.add("manifest v is not the integer 1");
        }
        requireText(root, "tenant", tenant, problems);
        requireText(root, "surface", surface, problems);
        if (!root.path("current").isObject()) {
            problems.add("manifest current is not an object of kind -> uri");
        } else {
            root.path("current").fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    problems.add("manifest current." + e.getKey() + " is not a string");
                }
            });
        }
        if (root.has("updated_at")) {
            requireRfc3339(root.path("updated_at"), "updated_at", problems);
        }
        return problems;
    }

    private static void requireText(JsonNode root, String field, String expected, List<String> problems) {
        JsonNode node = root.path(field);
        if (!node.isTextual() || node.asText().isEmpty()) {
            problems.add(field + " is missing or empty");
        } else if (!node.asText().equals(expected)) {
            problems.add(field + " is \"" + node.asText() + "\", expected \"" + expected + "\"");
        }
    }

    private static void requireRfc3339(JsonNode node, String field, List<String> problems) {
        if (!node.isTextual()) {
            problems.add(field + " is missing or not a string");
            return;
        }
        try {
            OffsetDateTime.parse(node.asText());
        } catch (DateTimeParseException e) {
            problems.add(field + " is not RFC 3339: " + node.asText());
        }
    }
}
