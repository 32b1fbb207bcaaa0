package io.recsys.pipelines.jobs.build;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ContentSimPayload;
import io.recsys.pipelines.common.artifact.CoocPayload;
import io.recsys.pipelines.common.artifact.ItemTags;
import io.recsys.pipelines.common.artifact.UserScoresPayload;
import io.recsys.pipelines.common.catalog.CatalogReader;
import io.recsys.pipelines.jobs.run.TenantSurface;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reference ecommerce sample (read in place next to the repository, never copied into it)
 * through every builder with the limits of the acceptance run.
 */
@ExtendWith(SharedSpark.class)
class EcommerceSampleBuilderTest {
    private static final TenantSurface DEMO_HOME = new TenantSurface("demo", "home");
    private static final CoocLimits LIMITS = new CoocLimits(1, 10, 100, 200);
    private static Path sample;
    private static Dataset<Row> exposures;

    @BeforeAll
    static void readSample() throws IOException {
        sample = referenceSample();
        assumeTrue(sample != null, "reference sample shared/reference/examples/data/ecommerce-mini not found "
                + "above " + Path.of("").toAbsolutePath());
        exposures = Exposures.fromRawLines(Files.readAllLines(sample.resolve("pipelines/exposure.jsonl")));
    }

    /** The contract's {@code ../shared/reference/}, looked up from the working folder upwards. */
    private static Path referenceSample() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/reference/examples/data/ecommerce-mini");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void coocHasARowForEveryItemAndRunningShoeGoesWithSocksFirst() {
        CoocBuilder.Result result = CoocBuilder.collect(exposures, LIMITS);
        CoocPayload cooc = result.payloads().get(DEMO_HOME);

        assertEquals(Map.of(), result.skippedSessions());
        assertEquals(8, cooc.rows().size());
        assertEquals("sku-running-shoe[sku-cotton-socks:3 sku-backpack:1 sku-trail-jacket:1 sku-yoga-mat:1]",
                Rendered.anchor(cooc, "sku-running-shoe"));
        assertEquals("sku-backpack[sku-coffee-beans:1 sku-cotton-socks:1 sku-denim-jacket:1 sku-running-shoe:1 "
                + "sku-trail-jacket:1 sku-wireless-earbuds:1]", Rendered.anchor(cooc, "sku-backpack"));
        assertEquals(64, Exposures.version(ArtifactKind.COOC, cooc).length());
    }

    @Test
    void implicitScoresEverySixUsersThreeItems() {
        UserScoresPayload implicit = ImplicitBuilder.collect(ImplicitBuilder.topN(exposures, 500)).get(DEMO_HOME);

        assertEquals(List.of("u_commute", "u_fitness", "u_footwear", "u_gift", "u_outdoor", "u_repeat"),
                implicit.users().stream().map(u -> u.userId()).toList());
        assertTrue(implicit.users().stream().allMatch(u -> u.items().size() == 3));
        assertEquals("u_commute[sku-backpack:1.0 sku-coffee-beans:1.0 sku-wireless-earbuds:1.0]",
                Rendered.users(new UserScoresPayload(implicit.users().subList(0, 1))));
    }

    @Test
    void sessionSeqScoresTheSecondAndThirdItemOfEachUser() {
        UserScoresPayload seq = SessionSeqBuilder.collect(SessionSeqBuilder.topN(exposures, 500)).get(DEMO_HOME);

        assertEquals("u_commute[sku-backpack:1.0 sku-coffee-beans:1.0] u_fitness[sku-cotton-socks:1.0 sku-running-shoe:1.0] "
                + "u_footwear[sku-backpack:1.0 sku-cotton-socks:1.0] u_gift[sku-wireless-earbuds:1.0 sku-yoga-mat:1.0] "
                + "u_outdoor[sku-backpack:1.0 sku-denim-jacket:1.0] u_repeat[sku-cotton-socks:1.0 sku-trail-jacket:1.0]",
                Rendered.users(seq));
    }

    @Test
    void contentSimListsTheEightHomeSkusWithTheirTags() {
        ContentSimPayload content = ContentSimBuilder.build(
                CatalogReader.read(sample.resolve("catalog.csv").toString(), "", new Configuration()),
                List.of(DEMO_HOME)).get(DEMO_HOME);

        assertEquals(8, content.items().size());
        assertEquals("sku-backpack", content.items().get(0).itemId());
        assertEquals(List.of("brand:northline", "category:bags", "margin:medium"), content.items().get(0).tags());
        assertEquals(List.of("sku-backpack", "sku-coffee-beans", "sku-cotton-socks", "sku-denim-jacket",
                "sku-running-shoe", "sku-trail-jacket", "sku-wireless-earbuds", "sku-yoga-mat"),
                content.items().stream().map(ItemTags::itemId).toList());
    }
}
