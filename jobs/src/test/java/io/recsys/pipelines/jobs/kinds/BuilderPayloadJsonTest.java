package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ArtifactPayload;
import io.recsys.pipelines.common.catalog.CatalogRow;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.util.List;

import static io.recsys.pipelines.jobs.kinds.Exposures.byUser;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The exact bytes each kind's version hashes, for a tiny case: a payload-shape mistake shows here. */
@ExtendWith(SharedSpark.class)
class BuilderPayloadJsonTest {
    private static final TenantSurface DEMO_HOME = new TenantSurface("demo", "home");
    private static final String HEAD = "{\"v\":1,\"artifact_type\":\"%s\",\"tenant\":\"demo\",\"surface\":\"home\","
            + "\"window\":{\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-01-02T00:00:00Z\"},";
    private static final String TAIL = ",\"build\":{\"built_at\":\"\",\"version\":\"\"}}";

    // u1: A, B, A (in one session); u2: C once. Cooc: one session of A and B, one of C alone.
    private static final Dataset<Row> TINY = Exposures.dataset(
            byUser("u1", "A", 0, 1), byUser("u1", "B", 1, 2), byUser("u1", "A", 2, 1), byUser("u2", "C", 0, 1));

    /** The payload's artifact hashes exactly {@code payloadJson} inside the demo/home envelope. */
    private static void assertHashes(ArtifactKind kind, ArtifactPayload payload, String payloadJson) {
        assertEquals(String.format(HEAD, kind.id()) + "\"" + kind.payloadKey() + "\":" + payloadJson + TAIL,
                Exposures.hashedJson(kind, payload));
    }

    @Test
    void coocHashesNeighborsWithIntegerCounts() {
        assertHashes(ArtifactKind.COOC, CoocBuilder.collect(TINY, new CoocLimits(1, 50, 1000, 200)).payloads().get(DEMO_HOME),
                "[{\"item_id\":\"A\",\"items\":[{\"item_id\":\"B\",\"count\":1}]},"
                        + "{\"item_id\":\"B\",\"items\":[{\"item_id\":\"A\",\"count\":1}]}]");
    }

    @Test
    void coocHashesAnAnchorWithoutNeighboursWithAnEmptyArray() {
        assertHashes(ArtifactKind.COOC, CoocBuilder.collect(TINY, new CoocLimits(2, 50, 1000, 200)).payloads().get(DEMO_HOME),
                "[{\"item_id\":\"A\",\"items\":[]},{\"item_id\":\"B\",\"items\":[]}]");
    }

    @Test
    void implicitHashesWholeScoresWithoutAFraction() {
        assertHashes(ArtifactKind.IMPLICIT, ImplicitBuilder.collect(ImplicitBuilder.topN(TINY, 500)).get(DEMO_HOME),
                "[{\"user_id\":\"u1\",\"items\":[{\"item_id\":\"A\",\"score\":2},{\"item_id\":\"B\",\"score\":1}]},"
                        + "{\"user_id\":\"u2\",\"items\":[{\"item_id\":\"C\",\"score\":1}]}]");
    }

    @Test
    void sessionSeqHashesASingleEventUserWithAnEmptyArray() {
        assertHashes(ArtifactKind.SESSION_SEQ, SessionSeqBuilder.collect(SessionSeqBuilder.topN(TINY, 500)).get(DEMO_HOME),
                "[{\"user_id\":\"u1\",\"items\":[{\"item_id\":\"A\",\"score\":1},{\"item_id\":\"B\",\"score\":1}]},"
                        + "{\"user_id\":\"u2\",\"items\":[]}]");
    }

    @Test
    void contentSimHashesTagArraysWithHtmlCharactersEscaped() {
        assertHashes(ArtifactKind.CONTENT_SIM, ContentSimBuilder.forSurface(List.of(
                        new CatalogRow("sku<1>", "", List.of("R&B", "Soul"), new BigDecimal("9.99"), null)), "home"),
                "[{\"item_id\":\"sku\\u003c1\\u003e\",\"tags\":[\"r\\u0026b\",\"soul\"]}]");
    }
}
