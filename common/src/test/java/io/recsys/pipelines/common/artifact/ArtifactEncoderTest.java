package io.recsys.pipelines.common.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ArtifactEncoderTest {
    private static final String WINDOW = "\"window\":{\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-01-02T00:00:00Z\"}";
    private static final String HASH_BUILD = "\"build\":{\"built_at\":\"\",\"version\":\"\"}";

    private static String hashJson(Artifact artifact) {
        return new String(ArtifactEncoder.encodeForHash(artifact), StandardCharsets.UTF_8);
    }

    private static String envelope(String kind, String payloadKey, String payload) {
        return "{\"v\":1,\"artifact_type\":\"" + kind + "\",\"tenant\":\"demo\",\"surface\":\"home\"," + WINDOW
                + ",\"" + payloadKey + "\":" + payload + "," + HASH_BUILD + "}";
    }

    @Test
    void tinySamplePopularityHasTheKnownVersion() {
        assertEquals("e5ececb49088419119922a73c15d13ef6ff0e949e62569527515ac81b117978f",
                ArtifactEncoder.version(ArtifactFixtures.tinyPopularity()));
    }

    @Test
    void popularityHashEncodingHasEnvelopeKeysInContractOrder() {
        assertEquals(envelope("popularity", "items",
                        "[{\"item_id\":\"A\",\"count\":2},{\"item_id\":\"B\",\"count\":1},"
                                + "{\"item_id\":\"C\",\"count\":1},{\"item_id\":\"D\",\"count\":1}]"),
                hashJson(ArtifactFixtures.tinyPopularity()));
    }

    @Test
    void coocRowsKeepEmptyNeighbourLists() {
        assertEquals(envelope("cooc", "neighbors",
                        "[{\"item_id\":\"A\",\"items\":[{\"item_id\":\"B\",\"count\":3},{\"item_id\":\"C\",\"count\":2}]},"
                                + "{\"item_id\":\"B\",\"items\":[]}]"),
                hashJson(ArtifactFixtures.cooc()));
    }

    @ParameterizedTest
    @EnumSource(value = ArtifactKind.class, names = {"IMPLICIT", "SESSION_SEQ"})
    void userScoresWriteWholeAndFractionalScoresAsGoFloat64(ArtifactKind kind) {
        assertEquals(envelope(kind.id(), "users",
                        "[{\"user_id\":\"u1\",\"items\":[{\"item_id\":\"A\",\"score\":2},{\"item_id\":\"B\",\"score\":1.5},"
                                + "{\"item_id\":\"C\",\"score\":1e-7}]},{\"user_id\":\"u2\",\"items\":[]}]"),
                hashJson(ArtifactFixtures.userScores(kind)));
    }

    @Test
    void contentSimWritesTagsWithGoEscaping() {
        assertEquals(envelope("content_sim", "items",
                        "[{\"item_id\":\"A\",\"tags\":[\"shoes\",\"red\"]},{\"item_id\":\"B\",\"tags\":[\"r\\u0026b\"]}]"),
                hashJson(ArtifactFixtures.contentSim()));
    }

    @ParameterizedTest
    @EnumSource(ArtifactKind.class)
    void emptyPayloadIsAnEmptyArrayNeverNull(ArtifactKind kind) {
        assertEquals(envelope(kind.id(), kind.payloadKey(), "[]"), hashJson(ArtifactFixtures.empty(kind)));
    }

    @Test
    void emptyOrNullSegmentIsOmitted() {
        PopularityPayload payload = new PopularityPayload(List.of());
        String withNull = hashJson(new Artifact(ArtifactFixtures.header(ArtifactKind.POPULARITY, null), payload));
        String withEmpty = hashJson(new Artifact(ArtifactFixtures.header(ArtifactKind.POPULARITY, ""), payload));
        assertEquals(withNull, withEmpty);
        assertFalse(withNull.contains("segment"), withNull);
    }

    @Test
    void segmentIsWrittenBetweenSurfaceAndWindowWhenSet() {
        Artifact artifact = new Artifact(ArtifactFixtures.header(ArtifactKind.POPULARITY, "vip"),
                new PopularityPayload(List.of(new ItemCount("A", 1))));
        assertEquals("{\"v\":1,\"artifact_type\":\"popularity\",\"tenant\":\"demo\",\"surface\":\"home\",\"segment\":\"vip\","
                + WINDOW + ",\"items\":[{\"item_id\":\"A\",\"count\":1}]," + HASH_BUILD + "}", hashJson(artifact));
        assertNotEquals(ArtifactEncoder.version(new Artifact(ArtifactFixtures.header(ArtifactKind.POPULARITY, ""),
                artifact.payload())), ArtifactEncoder.version(artifact));
    }

    @Test
    void unicodeAndHtmlInIdsAreWrittenTheGoWay() {
        Artifact artifact = new Artifact(ArtifactFixtures.header(ArtifactKind.POPULARITY, null),
                new PopularityPayload(List.of(new ItemCount("caf\u00e9<\u65e5\u672c>&\ud83d\ude00", 1))));
        byte[] expected = envelope("popularity", "items",
                "[{\"item_id\":\"caf\u00e9\\u003c\u65e5\u672c\\u003e\\u0026\ud83d\ude00\",\"count\":1}]")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(new String(expected, StandardCharsets.UTF_8), hashJson(artifact));
        assertEquals(VersionHash.sha256Hex(expected), ArtifactEncoder.version(artifact));
    }

    @Test
    void publishEncodingFillsBuildWithWholeSecondTimeVersionAndSourceHash() {
        Artifact artifact = ArtifactFixtures.tinyPopularity();
        String version = ArtifactEncoder.version(artifact);
        String published = new String(ArtifactEncoder.encodeForPublish(
                artifact, Instant.parse("2026-01-02T03:04:05.678Z"), version), StandardCharsets.UTF_8);
        String hashForm = hashJson(artifact);
        String expected = hashForm.substring(0, hashForm.indexOf("\"build\":"))
                + "\"build\":{\"built_at\":\"2026-01-02T03:04:05Z\",\"version\":\"" + version
                + "\",\"source_hash\":\"" + version + "\"}}";
        assertEquals(expected, published);
    }
}
