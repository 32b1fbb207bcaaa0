package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.UserScoresPayload;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static io.recsys.pipelines.jobs.kinds.Exposures.byUser;
import static io.recsys.pipelines.jobs.kinds.Exposures.inSession;
import static io.recsys.pipelines.jobs.kinds.Exposures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(SharedSpark.class)
class ImplicitBuilderTest {
    private static final TenantSurface DEMO_HOME = new TenantSurface("demo", "home");

    private static Map<TenantSurface, UserScoresPayload> build(int maxItemsPerUser, List<Row> rows) {
        return ImplicitBuilder.collect(ImplicitBuilder.topN(Exposures.dataset(rows), maxItemsPerUser));
    }

    private static String demoHome(int maxItemsPerUser, Row... rows) {
        return Rendered.users(build(maxItemsPerUser, List.of(rows)).get(DEMO_HOME));
    }

    @Test
    void scoreIsTheUsersExposureCountOfTheItemAsAFloat() {
        String users = demoHome(500,
                byUser("u1", "A", 0, 1), byUser("u1", "B", 1, 2), byUser("u1", "A", 2, 1), byUser("u1", "A", 3, 1),
                byUser("u2", "B", 0, 1));

        assertEquals("u1[A:3.0 B:1.0] u2[B:1.0]", users);
    }

    @Test
    void exposuresWithoutUserIdAreIgnored() {
        Map<TenantSurface, UserScoresPayload> payloads = build(500, List.of(
                byUser("u1", "A", 0, 1), inSession("anon", "A"), inSession("anon", "B"),
                row("t2", "home", "anon", "C", null, 0, 0)));

        assertEquals(Map.of(DEMO_HOME, "u1[A:1.0]"), Rendered.byPair(payloads, Rendered::users));
    }

    @Test
    void tiedScoresAreOrderedByUtf8BytesOfTheItemIdAndUsersByUserId() {
        String users = demoHome(500,
                byUser("u\uD83D\uDE00", "A", 0, 1), byUser("u\uE000", "A", 0, 1), byUser("uB", "A", 0, 1),
                byUser("ua", "\uD83D\uDE00", 0, 1), byUser("ua", "\uE000", 1, 1), byUser("ua", "b", 2, 1),
                byUser("ua", "B", 3, 1), byUser("ua", "z", 4, 1), byUser("ua", "z", 5, 1));

        assertEquals("uB[A:1.0] ua[z:2.0 B:1.0 b:1.0 \uE000:1.0 \uD83D\uDE00:1.0] u\uE000[A:1.0] u\uD83D\uDE00[A:1.0]", users);
    }

    @Test
    void itemsAreCutToMaxItemsPerUserAfterSorting() {
        String users = demoHome(2,
                byUser("u1", "C", 0, 1), byUser("u1", "A", 1, 1), byUser("u1", "B", 2, 1), byUser("u1", "B", 3, 1),
                byUser("u2", "D", 0, 1));

        assertEquals("u1[B:2.0 A:1.0] u2[D:1.0]", users);
    }

    @Test
    void theSameUserIdUnderTwoPairsIsTwoUsers() {
        Map<TenantSurface, UserScoresPayload> payloads = build(500, List.of(
                row("t1", "home", "s1", "A", "u1", 0, 0), row("t2", "home", "s1", "B", "u1", 0, 0),
                row("t1", "search", "s2", "C", "u1", 0, 0)));

        assertEquals(Map.of(new TenantSurface("t1", "home"), "u1[A:1.0]", new TenantSurface("t2", "home"), "u1[B:1.0]",
                new TenantSurface("t1", "search"), "u1[C:1.0]"), Rendered.byPair(payloads, Rendered::users));
    }

    @Test
    void versionDoesNotDependOnInputOrderOrPartitioning() {
        List<Row> rows = List.of(byUser("u1", "A", 0, 1), byUser("u1", "B", 1, 1), byUser("u1", "B", 2, 1),
                byUser("u2", "C", 0, 1), byUser("u2", "A", 1, 1), byUser("u3", "C", 0, 1));

        String first = Exposures.version(ArtifactKind.IMPLICIT,
                ImplicitBuilder.collect(ImplicitBuilder.topN(Exposures.dataset(rows), 500)).get(DEMO_HOME));
        String second = Exposures.version(ArtifactKind.IMPLICIT,
                ImplicitBuilder.collect(ImplicitBuilder.topN(Exposures.shuffled(rows), 500)).get(DEMO_HOME));

        assertEquals(first, second);
    }
}
