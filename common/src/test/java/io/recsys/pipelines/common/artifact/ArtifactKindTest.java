package io.recsys.pipelines.common.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ArtifactKindTest {

    @ParameterizedTest
    @CsvSource({
            "POPULARITY, popularity, items",
            "COOC, cooc, neighbors",
            "IMPLICIT, implicit, users",
            "SESSION_SEQ, session_seq, users",
            "CONTENT_SIM, content_sim, items",
    })
    void kindsHaveContractIdsAndPayloadKeys(ArtifactKind kind, String id, String payloadKey) {
        assertEquals(id, kind.id());
        assertEquals(payloadKey, kind.payloadKey());
    }

    @ParameterizedTest
    @EnumSource(ArtifactKind.class)
    void fromIdFindsEveryKind(ArtifactKind kind) {
        assertEquals(kind, ArtifactKind.fromId(kind.id()));
    }

    @Test
    void fromIdRejectsUnknownIdsListingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArtifactKind.fromId("POPULARITY"));
        assertEquals("unknown artifact kind 'POPULARITY'; valid kinds: popularity, cooc, implicit, session_seq, content_sim",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ArtifactKind.fromId(null));
    }
}
