package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.CoocPayload;
import io.recsys.pipelines.common.artifact.NeighborRow;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.recsys.pipelines.jobs.kinds.Exposures.inSession;
import static io.recsys.pipelines.jobs.kinds.Exposures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(SharedSpark.class)
class CoocBuilderTest {
    private static final TenantSurface DEMO_HOME = new TenantSurface("demo", "home");
    private static final CoocLimits OPEN = new CoocLimits(1, 50, 1000, 200);

    private static CoocBuilder.Result build(CoocLimits limits, Row... rows) {
        return CoocBuilder.collect(Exposures.dataset(rows), limits);
    }

    private static String demoHome(CoocLimits limits, Row... rows) {
        return Rendered.cooc(build(limits, rows).payloads().get(DEMO_HOME));
    }

    @Test
    void countIsTheNumberOfSessionsSharingBothItemsNotTheirExposures() {
        String cooc = demoHome(OPEN,
                inSession("s1", "A"), inSession("s1", "A"), inSession("s1", "B"), inSession("s1", "A"),
                inSession("s2", "B"), inSession("s2", "A"),
                inSession("s3", "A"), inSession("s3", "C"));

        assertEquals("A[B:2 C:1] B[A:2] C[A:1]", cooc);
    }

    @Test
    void neighboursTiedOnCountAreOrderedByUtf8BytesOfTheirIds() {
        List<Row> rows = new ArrayList<>();
        // UTF-8 order puts U+E000 before U+1F600 (an emoji); Java's UTF-16 compareTo would not.
        for (String id : List.of("\uD83D\uDE00", "\uE000", "é", "b", "a", "B")) {
            rows.add(inSession("s-" + id, "X"));
            rows.add(inSession("s-" + id, id));
        }
        for (String session : List.of("z1", "z2")) {
            rows.add(inSession(session, "X"));
            rows.add(inSession(session, "z"));
        }

        CoocPayload payload = CoocBuilder.collect(Exposures.dataset(rows), OPEN).payloads().get(DEMO_HOME);

        assertEquals("X[z:2 B:1 a:1 b:1 é:1 \uE000:1 \uD83D\uDE00:1]", Rendered.anchor(payload, "X"));
        assertEquals(List.of("B", "X", "a", "b", "z", "é", "\uE000", "\uD83D\uDE00"),
                payload.rows().stream().map(NeighborRow::itemId).toList());
    }

    @Test
    void neighboursBelowMinSupportAreDroppedAndAnAnchorLeftWithoutAnyKeepsAnEmptyRow() {
        String cooc = demoHome(new CoocLimits(2, 50, 1000, 200),
                inSession("s1", "A"), inSession("s1", "B"), inSession("s1", "C"),
                inSession("s2", "A"), inSession("s2", "B"));

        assertEquals("A[B:2] B[A:2] C[]", cooc);
    }

    @Test
    void neighboursAreCutToMaxNeighborsPerItemAfterSorting() {
        String cooc = demoHome(new CoocLimits(1, 2, 1000, 200),
                inSession("s1", "A"), inSession("s1", "B"), inSession("s1", "C"), inSession("s1", "D"),
                inSession("s2", "A"), inSession("s2", "D"), inSession("s2", "C"),
                inSession("s3", "A"), inSession("s3", "D"));

        assertEquals("A[D:3 C:2] B[A:1 C:1] C[A:2 D:2] D[A:3 C:2]", cooc);
    }

    @Test
    void sessionsWithMoreDistinctItemsThanTheCapAreSkippedAndCountedPerPair() {
        CoocBuilder.Result result = build(new CoocLimits(1, 50, 1000, 3),
                // four distinct items: a bot session, skipped
                inSession("bot", "A"), inSession("bot", "B"), inSession("bot", "C"), inSession("bot", "D"),
                // three distinct items in five exposures: at the cap, kept
                inSession("s1", "A"), inSession("s1", "B"), inSession("s1", "B"), inSession("s1", "C"), inSession("s1", "A"),
                row("other", "home", "s1", "A", null, 0, 0), row("other", "home", "s1", "B", null, 0, 0));

        assertEquals("A[B:1 C:1] B[A:1 C:1] C[A:1 B:1]", Rendered.cooc(result.payloads().get(DEMO_HOME)));
        assertEquals(Map.of(DEMO_HOME, 1L), result.skippedSessions());
        assertEquals("A[B:1] B[A:1]", Rendered.cooc(result.payloads().get(new TenantSurface("other", "home"))));
    }

    @Test
    void overTheAnchorCapTheMostExposedAnchorsAreKeptTiesByItemIdListedByItemId() {
        String cooc = demoHome(new CoocLimits(1, 50, 2, 200),
                inSession("s1", "A"), inSession("s1", "B"), inSession("s1", "C"), inSession("s1", "D"),
                // D is exposed 3 times in all; A, B and C once each, so A wins their tie.
                inSession("solo", "D"), inSession("solo", "D"));

        assertEquals("A[B:1 C:1 D:1] D[A:1 B:1 C:1]", cooc);
    }

    @Test
    void theSameSessionIdUnderTwoTenantsOrSurfacesIsTwoSessions() {
        CoocBuilder.Result result = build(OPEN,
                row("t1", "home", "s1", "A", null, 0, 0), row("t1", "home", "s1", "B", null, 0, 0),
                row("t2", "home", "s1", "C", null, 0, 0),
                row("t1", "search", "s1", "D", null, 0, 0));

        assertEquals(Map.of(new TenantSurface("t1", "home"), "A[B:1] B[A:1]"),
                Rendered.byPair(result.payloads(), Rendered::cooc));
        assertEquals(Map.of(), result.skippedSessions());
    }

    @Test
    void versionDoesNotDependOnInputOrderOrPartitioning() {
        List<Row> rows = List.of(
                inSession("s1", "A"), inSession("s1", "B"), inSession("s1", "C"),
                inSession("s2", "B"), inSession("s2", "C"), inSession("s3", "C"), inSession("s3", "A"),
                inSession("s4", "D"), inSession("s4", "A"));

        CoocPayload first = CoocBuilder.collect(Exposures.dataset(rows), OPEN).payloads().get(DEMO_HOME);
        CoocPayload second = CoocBuilder.collect(Exposures.shuffled(rows), OPEN).payloads().get(DEMO_HOME);

        assertEquals("A[C:2 B:1 D:1] B[C:2 A:1] C[A:2 B:2] D[A:1]", Rendered.cooc(first));
        assertEquals(Exposures.version(ArtifactKind.COOC, first), Exposures.version(ArtifactKind.COOC, second));
    }
}
