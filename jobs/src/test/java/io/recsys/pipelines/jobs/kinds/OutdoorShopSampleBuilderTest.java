package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ContentSimPayload;
import io.recsys.pipelines.common.artifact.CoocPayload;
import io.recsys.pipelines.common.artifact.UserScoresPayload;
import io.recsys.pipelines.common.catalog.CatalogReader;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A small outdoor shop (src/test/resources/samples/outdoor-shop: 20 exposures of demo/home on
 * 2026-01-01 in seven sessions, and a catalog) through every event-based builder and content_sim,
 * each payload checked whole. The lines use what the contract allows: a UTC offset, fractions,
 * a missing rank, padded ids, null and empty user ids, equal timestamps told apart by rank.
 */
@ExtendWith(SharedSpark.class)
class OutdoorShopSampleBuilderTest {
    private static final TenantSurface DEMO_HOME = new TenantSurface("demo", "home");
    private static final CoocLimits OPEN = new CoocLimits(1, 10, 100, 200);
    // Pinned: the same payloads must keep hashing to the same versions (encoding and order unchanged).
    private static final String COOC_VERSION =
            "ad66abff2296183983e26b3d945cf57f219fba3888a184aa7979248b879964b2";
    private static final String IMPLICIT_VERSION =
            "baeaa12a39cfc8846461da88a473c901fe8d2bab97cd280868d078050b009e30";
    private static final String SESSION_SEQ_VERSION =
            "72c10c8de0b7385412b3fd3ccb96a54b242a134214e8a12518e5fcfe0d1e892a";
    private static final String CONTENT_SIM_VERSION =
            "dd827abb48ab0d596056b3ccbf87690f2736a83b418be2c506e3c8847d6458e7";
    private static Dataset<Row> exposures;

    @BeforeAll
    static void readSample() throws Exception {
        exposures = Exposures.fromRawLines(Files.readAllLines(sample("exposures.jsonl")));
    }

    private static Path sample(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(OutdoorShopSampleBuilderTest.class.getResource("/samples/outdoor-shop/" + name),
                "test resource samples/outdoor-shop/" + name).toURI());
    }

    @Test
    void coocListsEveryItemThatSharedASessionWithItsNeighboursByCountThenId() {
        CoocBuilder.Result result = CoocBuilder.collect(exposures, OPEN);
        CoocPayload cooc = result.payloads().get(DEMO_HOME);

        assertEquals(Map.of(), result.skippedSessions());
        assertEquals("sku-boots[sku-tent:2 sku-map:1 sku-rain-cover:1] "
                + "sku-lantern[sku-mug:1 sku-sleeping-bag:1 sku-stove:1 sku-tent:1] "
                + "sku-map[sku-boots:1 sku-tent:1] "
                + "sku-mug[sku-stove:2 sku-lantern:1] "
                + "sku-rain-cover[sku-boots:1 sku-tent:1] "
                + "sku-sleeping-bag[sku-tent:3 sku-lantern:1 sku-stove:1] "
                + "sku-stove[sku-mug:2 sku-lantern:1 sku-sleeping-bag:1 sku-tent:1] "
                + "sku-tent[sku-sleeping-bag:3 sku-boots:2 sku-lantern:1 sku-map:1 sku-rain-cover:1 sku-stove:1]",
                Rendered.cooc(cooc));
        assertEquals(COOC_VERSION, Exposures.version(ArtifactKind.COOC, cooc));
    }

    @Test
    void coocKeepsAnchorsWhoseNeighboursAllMissTheSupport() {
        CoocPayload cooc = CoocBuilder.collect(exposures, new CoocLimits(2, 10, 100, 200)).payloads().get(DEMO_HOME);

        assertEquals("sku-boots[sku-tent:2] sku-lantern[] sku-map[] sku-mug[sku-stove:2] sku-rain-cover[] "
                + "sku-sleeping-bag[sku-tent:3] sku-stove[sku-mug:2] sku-tent[sku-sleeping-bag:3 sku-boots:2]",
                Rendered.cooc(cooc));
    }

    @Test
    void coocCutToThreeAnchorsKeepsTheMostExposedWithTiesByItemId() {
        // tent has 5 exposures; mug, sleeping-bag and stove 3 each: the tie keeps mug and sleeping-bag.
        CoocPayload cooc = CoocBuilder.collect(exposures, new CoocLimits(1, 10, 3, 200)).payloads().get(DEMO_HOME);

        assertEquals("sku-mug[sku-stove:2 sku-lantern:1] sku-sleeping-bag[sku-tent:3 sku-lantern:1 sku-stove:1] "
                + "sku-tent[sku-sleeping-bag:3 sku-boots:2 sku-lantern:1 sku-map:1 sku-rain-cover:1 sku-stove:1]",
                Rendered.cooc(cooc));
    }

    @Test
    void implicitScoresEachUsersExposuresAndIgnoresAnonymousOnes() {
        UserScoresPayload implicit = ImplicitBuilder.collect(ImplicitBuilder.topN(exposures, 500)).get(DEMO_HOME);

        assertEquals("u_camper[sku-sleeping-bag:1.0 sku-stove:1.0 sku-tent:1.0] "
                + "u_cook[sku-lantern:1.0 sku-mug:1.0 sku-stove:1.0] "
                + "u_hiker[sku-boots:1.0 sku-map:1.0 sku-tent:1.0] "
                + "u_night[sku-lantern:1.0 sku-sleeping-bag:1.0 sku-tent:1.0] "
                + "u_rain[sku-boots:1.0 sku-rain-cover:1.0 sku-tent:1.0] "
                + "u_repeat[sku-mug:2.0 sku-stove:1.0]", Rendered.users(implicit));
        assertEquals(IMPLICIT_VERSION, Exposures.version(ArtifactKind.IMPLICIT, implicit));
    }

    @Test
    void sessionSeqScoresTheNextItemInTimestampThenRankOrder() {
        UserScoresPayload seq = SessionSeqBuilder.collect(SessionSeqBuilder.topN(exposures, 500)).get(DEMO_HOME);

        // u_hiker's boots at 11:15+02:00 come first; u_repeat's three events share one ts and go by rank (mug, mug, stove).
        assertEquals("u_camper[sku-sleeping-bag:1.0 sku-stove:1.0] u_cook[sku-lantern:1.0 sku-mug:1.0] "
                + "u_hiker[sku-map:1.0 sku-tent:1.0] u_night[sku-sleeping-bag:1.0 sku-tent:1.0] "
                + "u_rain[sku-boots:1.0 sku-tent:1.0] u_repeat[sku-mug:1.0 sku-stove:1.0]", Rendered.users(seq));
        assertEquals(SESSION_SEQ_VERSION, Exposures.version(ArtifactKind.SESSION_SEQ, seq));
    }

    @Test
    void contentSimTakesTheSurfacesRowsAndTheSharedOnesWithNormalisedTags() throws Exception {
        Map<TenantSurface, ContentSimPayload> content = ContentSimBuilder.build(
                CatalogReader.read(sample("catalog.csv").toString(), "", new Configuration()),
                List.of(DEMO_HOME, new TenantSurface("demo", "search")));

        assertEquals("sku-boots[footwear,hiking,leather] sku-lantern[lighting,camping] sku-mug[cooking,enamel] "
                + "sku-sleeping-bag[camping,sleep] sku-stove[cooking,camping] sku-tent[camping,shelter,2-person]",
                Rendered.contentSim(content.get(DEMO_HOME)));
        assertEquals("sku-boots[footwear,hiking,leather] sku-mug[cooking,enamel] sku-rain-cover[rain] "
                + "sku-tent[camping,shelter,2-person]", Rendered.contentSim(content.get(new TenantSurface("demo", "search"))));
        assertEquals(CONTENT_SIM_VERSION, Exposures.version(ArtifactKind.CONTENT_SIM, content.get(DEMO_HOME)));
    }
}
