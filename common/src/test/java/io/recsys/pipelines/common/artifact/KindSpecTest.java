package io.recsys.pipelines.common.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind is described completely, and its spec agrees with its payload on the bytes the encoder writes. */
class KindSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(ArtifactKind.class)
    void everyKindHasACompleteSpecWhoseEmptyPayloadPassesItsOwnChecks(ArtifactKind kind) throws IOException {
        KindSpec<?> spec = kind.spec();
        assertNotNull(spec, kind.id());
        assertTrue(spec.payloadType().isInstance(spec.empty()), kind.id());
        assertEquals(0, spec.empty().itemCount());
        assertFalse(spec.payloadKey().isEmpty());
        assertFalse(spec.countLabel().isEmpty());

        JsonNode envelope = published(ArtifactFixtures.empty(kind));
        assertEquals("[]", envelope.get(spec.payloadKey()).toString());
        assertEquals(List.of(), problems(spec, envelope));
        assertEquals(0, spec.itemCount(envelope.get(spec.payloadKey())));
    }

    @Test
    void onlyPopularityIsBoundByTheVolumeGates() {
        for (ArtifactKind kind : ArtifactKind.values()) {
            assertEquals(kind == ArtifactKind.POPULARITY, kind.spec().rankedCounts().isPresent(), kind.id());
        }
    }

    @Test
    void aSampleOfEveryKindPassesItsShapeCheckAndCountsFromJsonAsItsPayloadDoes() throws IOException {
        for (Artifact artifact : ArtifactFixtures.oneOfEachKind()) {
            KindSpec<?> spec = artifact.header().kind().spec();
            JsonNode envelope = published(artifact);
            assertEquals(List.of(), problems(spec, envelope), artifact.header().kind().id());
            assertEquals(artifact.payload().itemCount(), spec.itemCount(envelope.get(spec.payloadKey())),
                    artifact.header().kind().id());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POPULARITY  | [{\"item_id\":\"A\",\"count\":1.0}]               | items[0].count is not an integer (1.0)",
            "COOC        | [{\"item_id\":\"A\",\"items\":[{\"item_id\":7,\"count\":1}]}] | neighbors[0].items[0].item_id is not a string",
            "IMPLICIT    | [{\"user_id\":\"u\",\"items\":[{\"item_id\":\"A\",\"score\":\"1\"}]}] | users[0].items[0].score is not a number",
            "SESSION_SEQ | [{\"user_id\":\"u\"}]                            | items is not an array",
            "CONTENT_SIM | [{\"item_id\":\"A\",\"tags\":\"red\"}]             | items[0].tags is not an array",
    })
    void theShapeCheckNamesWhatTheServiceCouldNotDecode(ArtifactKind kind, String payload, String problem)
            throws IOException {
        ObjectNode envelope = (ObjectNode) published(ArtifactFixtures.empty(kind));
        envelope.set(kind.payloadKey(), JSON.readTree(payload));
        assertEquals(List.of(problem), problems(kind.spec(), envelope));

        envelope.remove(kind.payloadKey());
        assertEquals(List.of(kind.payloadKey() + " is not an array"), problems(kind.spec(), envelope));
    }

    @Test
    void popularityGivesTheVolumeGatesItsTotalAndHead() throws IOException {
        KindSpec.RankedCounts ranked = KindSpec.POPULARITY.rankedCounts().orElseThrow();
        JsonNode items = published(ArtifactFixtures.tinyPopularity()).get("items");
        assertEquals(5, ranked.total(items));
        assertEquals(List.of("A", "B"), new ArrayList<>(ranked.topIds(items, 2)));
        assertEquals(Set.of("A", "B", "C", "D"), ranked.topIds(items, 10));
    }

    private static JsonNode published(Artifact artifact) throws IOException {
        return JSON.readTree(ArtifactEncoder.encodeForPublish(artifact, Instant.parse("2026-01-02T00:00:00Z"), "v"));
    }

    private static List<String> problems(KindSpec<?> spec, JsonNode envelope) {
        List<String> problems = new ArrayList<>();
        spec.checkShape(envelope, problems);
        return problems;
    }
}
