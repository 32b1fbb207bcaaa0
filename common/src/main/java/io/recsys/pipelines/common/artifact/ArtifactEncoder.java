package io.recsys.pipelines.common.artifact;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recsys.pipelines.common.json.GoJson;
import io.recsys.pipelines.common.json.GoJsonWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Serialises artifacts byte-compatibly with the original Go tool (contract 4.1 and 4.3), so the
 * same input yields the same version hash.
 */
public final class ArtifactEncoder {
    /** Strict parsing: a blob with duplicate keys or trailing data has no single hash to verify. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ArtifactEncoder() {
    }

    /** The bytes the version hashes: the envelope with {@code build} = {@code {"built_at":"","version":""}}. */
    public static byte[] encodeForHash(Artifact artifact) {
        return encode(artifact, w -> w.name("built_at").value("").name("version").value(""));
    }

    public static String version(Artifact artifact) {
        return VersionHash.sha256Hex(encodeForHash(artifact));
    }

    /** The published blob: the same envelope with {@code build} filled in. */
    public static byte[] encodeForPublish(Artifact artifact, Instant builtAt, String version) {
        Objects.requireNonNull(builtAt, "built_at");
        Objects.requireNonNull(version, "version");
        return encode(artifact, w -> w.name("built_at").value(Rfc3339Utc.format(builtAt))
                .name("version").value(version)
                .name("source_hash").value(version));
    }

    /**
     * Recomputes the version of a published blob the way a verifier must: parse it, blank
     * {@code build} in place, re-encode in Go style and hash. Works for blobs written with any
     * JSON formatting, as long as keys appear in contract order.
     */
    public static String recomputeVersion(byte[] publishedBlob) {
        JsonNode root;
        try {
            root = MAPPER.readTree(publishedBlob);
        } catch (IOException e) {
            throw new IllegalArgumentException("published artifact is not valid JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof ObjectNode envelope) || !envelope.has("build")) {
            throw new IllegalArgumentException("published artifact is not a JSON object with a build field");
        }
        ObjectNode blankBuild = envelope.objectNode().put("built_at", "").put("version", "");
        // ObjectNode.set on an existing key keeps its position, so key order is preserved.
        envelope.set("build", blankBuild);
        return VersionHash.sha256Hex(GoJson.writeTree(envelope));
    }

    private static byte[] encode(Artifact artifact, Consumer<GoJsonWriter> buildFields) {
        ArtifactHeader header = artifact.header();
        GoJsonWriter w = new GoJsonWriter().beginObject()
                .name("v").value(1)
                .name("artifact_type").value(header.kind().id())
                .name("tenant").value(header.tenant())
                .name("surface").value(header.surface());
        if (header.hasSegment()) {
            w.name("segment").value(header.segment());
        }
        w.name("window").beginObject()
                .name("start").value(Rfc3339Utc.format(header.window().start()))
                .name("end").value(Rfc3339Utc.format(header.window().end()))
                .endObject();
        w.name(header.kind().payloadKey());
        artifact.payload().writeTo(w);
        w.name("build").beginObject();
        buildFields.accept(w);
        return w.endObject().endObject().toBytes();
    }
}
