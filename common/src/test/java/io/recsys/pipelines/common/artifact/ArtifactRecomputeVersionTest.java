package io.recsys.pipelines.common.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ArtifactRecomputeVersionTest {
    private static final Instant BUILT_AT = Instant.parse("2026-01-02T00:10:00Z");

    static Stream<Artifact> artifacts() {
        return ArtifactFixtures.oneOfEachKind().stream();
    }

    private static byte[] publish(Artifact artifact) {
        return ArtifactEncoder.encodeForPublish(artifact, BUILT_AT, ArtifactEncoder.version(artifact));
    }

    @ParameterizedTest
    @MethodSource("artifacts")
    void recomputedVersionOfPublishedBlobEqualsVersion(Artifact artifact) {
        assertEquals(ArtifactEncoder.version(artifact), ArtifactEncoder.recomputeVersion(publish(artifact)));
    }

    @ParameterizedTest
    @EnumSource(ArtifactKind.class)
    void recomputedVersionHoldsForEmptyPayloads(ArtifactKind kind) {
        Artifact artifact = ArtifactFixtures.empty(kind);
        assertEquals(ArtifactEncoder.version(artifact), ArtifactEncoder.recomputeVersion(publish(artifact)));
    }

    @Test
    void tinySampleBlobRecomputesToTheKnownVersion() {
        assertEquals("e5ececb49088419119922a73c15d13ef6ff0e949e62569527515ac81b117978f",
                ArtifactEncoder.recomputeVersion(publish(ArtifactFixtures.tinyPopularity())));
    }

    @ParameterizedTest
    @MethodSource("artifacts")
    void recomputeIgnoresFormattingOfThePublishedBlob(Artifact artifact) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        byte[] pretty = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(mapper.readTree(publish(artifact)));
        assertEquals(ArtifactEncoder.version(artifact), ArtifactEncoder.recomputeVersion(pretty));
    }

    @Test
    void tamperedPayloadGivesADifferentVersion() {
        Artifact artifact = ArtifactFixtures.tinyPopularity();
        String tampered = new String(publish(artifact), StandardCharsets.UTF_8).replace("\"count\":2", "\"count\":3");
        assertNotEquals(ArtifactEncoder.version(artifact),
                ArtifactEncoder.recomputeVersion(tampered.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rejectsBlobsThatCannotBeVerified() {
        assertThrows(IllegalArgumentException.class, () -> recompute("{\"v\":1"));
        assertThrows(IllegalArgumentException.class, () -> recompute("[]"));
        assertThrows(IllegalArgumentException.class, () -> recompute("{\"v\":1}"));
        assertThrows(IllegalArgumentException.class, () -> recompute("{\"v\":1,\"v\":2,\"build\":{}}"));
        assertThrows(IllegalArgumentException.class, () -> recompute("{\"build\":{}} {}"));
    }

    private static String recompute(String blob) {
        return ArtifactEncoder.recomputeVersion(blob.getBytes(StandardCharsets.UTF_8));
    }
}
