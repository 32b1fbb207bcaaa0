package io.recsys.pipelines.common.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArtifactModelTest {

    @Test
    void headerNormalisesNullSegmentToEmpty() {
        ArtifactHeader header = ArtifactFixtures.header(ArtifactKind.POPULARITY, null);
        assertEquals("", header.segment());
        assertFalse(header.hasSegment());
    }

    @Test
    void headerRejectsEmptyTenantOrSurfaceBecauseTheServiceDoes() {
        ArtifactWindow window = ArtifactFixtures.DAY_2026_01_01;
        assertThrows(IllegalArgumentException.class,
                () -> new ArtifactHeader(ArtifactKind.POPULARITY, "", "home", null, window));
        assertThrows(IllegalArgumentException.class,
                () -> new ArtifactHeader(ArtifactKind.POPULARITY, "demo", null, null, window));
    }

    @Test
    void artifactRejectsPayloadOfAnotherKind() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Artifact(ArtifactFixtures.header(ArtifactKind.COOC, null), new PopularityPayload(List.of())));
        assertEquals("cooc artifact needs a CoocPayload, got PopularityPayload", e.getMessage());
    }

    @Test
    void scoresMustBeFinite() {
        assertThrows(IllegalArgumentException.class, () -> new ItemScore("A", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ItemScore("A", Double.POSITIVE_INFINITY));
    }

    @Test
    void payloadListsAreCopiedSoLaterChangesCannotAlterTheHash() {
        List<ItemCount> items = new ArrayList<>(List.of(new ItemCount("A", 1)));
        PopularityPayload payload = new PopularityPayload(items);
        items.add(new ItemCount("B", 1));
        assertEquals(1, payload.itemCount());
        assertThrows(UnsupportedOperationException.class, () -> payload.items().add(new ItemCount("C", 1)));
    }

    @Test
    void itemCountIsWhatAConsumerGetsAndItsLabelSaysSo() {
        assertEquals(4, ArtifactFixtures.tinyPopularity().payload().itemCount());
        assertEquals(1, ArtifactFixtures.cooc().payload().itemCount(), "anchor B has no neighbour");
        assertEquals(1, ArtifactFixtures.userScores(ArtifactKind.IMPLICIT).payload().itemCount(), "u2 has no item");
        assertEquals(2, ArtifactFixtures.contentSim().payload().itemCount());
        assertEquals("anchors with neighbours", ArtifactKind.COOC.countLabel());
        assertEquals("users with items", ArtifactKind.SESSION_SEQ.countLabel());
        assertEquals("items", ArtifactKind.POPULARITY.countLabel());
    }

    @Test
    void nullListsAndNullElementsAreRejected() {
        assertThrows(NullPointerException.class, () -> new PopularityPayload(null));
        assertThrows(NullPointerException.class, () -> new NeighborRow("A", null));
        assertThrows(NullPointerException.class, () -> new ItemTags("A", Arrays.asList("x", null)));
    }
}
