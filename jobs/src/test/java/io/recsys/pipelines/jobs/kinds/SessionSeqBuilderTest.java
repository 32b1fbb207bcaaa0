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
class SessionSeqBuilderTest {
    private static final TenantSurface DEMO_HOME = new TenantSurface("demo", "home");

    private static Map<TenantSurface, UserScoresPayload> build(int maxItemsPerUser, List<Row> rows) {
        return SessionSeqBuilder.collect(SessionSeqBuilder.topN(Exposures.dataset(rows), maxItemsPerUser));
    }

    private static String demoHome(int maxItemsPerUser, Row... rows) {
        return Rendered.users(build(maxItemsPerUser, List.of(rows)).get(DEMO_HOME));
    }

    @Test
    void eachConsecutivePairScoresTheNextItemIncludingRepeatsOfTheSameItem() {
        // A -> A -> B -> A: next items A, B, A
        String users = demoHome(500,
                byUser("u1", "A", 0, 1), byUser("u1", "A", 1, 1), byUser("u1", "B", 2, 1), byUser("u1", "A", 3, 1));

        assertEquals("u1[A:2.0 B:1.0]", users);
    }

    @Test
    void aUserWithOneEventIsListedWithNoItems() {
        String users = demoHome(500, byUser("u1", "A", 0, 1), byUser("u2", "B", 0, 1), byUser("u2", "C", 1, 1));

        assertEquals("u1[] u2[C:1.0]", users);
    }

    @Test
    void eventsWithTheSameTsAreOrderedByRankThenItemId() {
        // Order C (rank 1), A, B (rank 2, A < B): next items A, B. By item id alone it would be A, B, C.
        String users = demoHome(500, byUser("u1", "B", 0, 2), byUser("u1", "A", 0, 2), byUser("u1", "C", 0, 1));

        assertEquals("u1[A:1.0 B:1.0]", users);
    }

    @Test
    void eventsOfAUserInTwoSessionsAreChainedByTs() {
        // By ts: Y (s2), X (s1), Z (s1): next items X, Z. Per session it would only be X -> Z.
        String users = demoHome(500,
                row("demo", "home", "s1", "X", "u1", 10, 1), row("demo", "home", "s2", "Y", "u1", 5, 1),
                row("demo", "home", "s1", "Z", "u1", 20, 2));

        assertEquals("u1[X:1.0 Z:1.0]", users);
    }

    @Test
    void anonymousEventsAreNotPartOfAnySequence() {
        Map<TenantSurface, UserScoresPayload> payloads = build(500, List.of(
                byUser("u1", "A", 0, 1), inSession("s-u1", "B"), byUser("u1", "C", 2, 1), inSession("anon", "D")));

        assertEquals(Map.of(DEMO_HOME, "u1[C:1.0]"), Rendered.byPair(payloads, Rendered::users));
    }

    @Test
    void tiedScoresAreOrderedByItemIdAndCutToMaxItemsPerUser() {
        // S -> C -> B -> B -> A: next items C, B, B, A
        String users = demoHome(2, byUser("u1", "S", 0, 1), byUser("u1", "C", 1, 1), byUser("u1", "B", 2, 1),
                byUser("u1", "B", 3, 1), byUser("u1", "A", 4, 1));
        // S -> D -> C: next items D, C, tied
        String tied = demoHome(500, byUser("u2", "S", 0, 1), byUser("u2", "D", 1, 1), byUser("u2", "C", 2, 1));

        assertEquals("u1[B:2.0 A:1.0]", users);
        assertEquals("u2[C:1.0 D:1.0]", tied);
    }

    @Test
    void versionDoesNotDependOnInputOrderOrPartitioning() {
        List<Row> rows = List.of(byUser("u1", "A", 0, 1), byUser("u1", "B", 1, 1), byUser("u1", "A", 2, 1),
                byUser("u2", "C", 0, 1), byUser("u3", "B", 0, 2), byUser("u3", "A", 0, 1));

        String first = Exposures.version(ArtifactKind.SESSION_SEQ,
                SessionSeqBuilder.collect(SessionSeqBuilder.topN(Exposures.dataset(rows), 500)).get(DEMO_HOME));
        String second = Exposures.version(ArtifactKind.SESSION_SEQ,
                SessionSeqBuilder.collect(SessionSeqBuilder.topN(Exposures.shuffled(rows), 500)).get(DEMO_HOME));

        assertEquals(first, second);
    }
}
