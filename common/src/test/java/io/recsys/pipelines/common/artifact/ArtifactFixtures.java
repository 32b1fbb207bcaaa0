package io.recsys.pipelines.common.artifact;

import java.time.LocalDate;
import java.util.List;

/** Small artifacts of every kind, shared by the encoder tests. */
final class ArtifactFixtures {
    static final ArtifactWindow DAY_2026_01_01 = ArtifactWindow.ofDays(LocalDate.of(2026, 1, 1), 1);

    private ArtifactFixtures() {
    }

    static ArtifactHeader header(ArtifactKind kind, String segment) {
        return new ArtifactHeader(kind, "demo", "home", segment, DAY_2026_01_01);
    }

    /** The tiny sample's popularity artifact from contract 4.3. */
    static Artifact tinyPopularity() {
        return new Artifact(header(ArtifactKind.POPULARITY, null), new PopularityPayload(List.of(
                new ItemCount("A", 2), new ItemCount("B", 1), new ItemCount("C", 1), new ItemCount("D", 1))));
    }

    static Artifact cooc() {
        return new Artifact(header(ArtifactKind.COOC, null), new CoocPayload(List.of(
                new NeighborRow("A", List.of(new ItemCount("B", 3), new ItemCount("C", 2))),
                new NeighborRow("B", List.of()))));
    }

    static Artifact userScores(ArtifactKind kind) {
        return new Artifact(header(kind, null), new UserScoresPayload(List.of(
                new UserScores("u1", List.of(new ItemScore("A", 2), new ItemScore("B", 1.5), new ItemScore("C", 1e-7))),
                new UserScores("u2", List.of()))));
    }

    static Artifact contentSim() {
        return new Artifact(header(ArtifactKind.CONTENT_SIM, null), new ContentSimPayload(List.of(
                new ItemTags("A", List.of("shoes", "red")),
                new ItemTags("B", List.of("r&b")))));
    }

    static Artifact empty(ArtifactKind kind) {
        return new Artifact(header(kind, ""), kind.spec().empty());
    }

    static List<Artifact> oneOfEachKind() {
        return List.of(tinyPopularity(), cooc(), userScores(ArtifactKind.IMPLICIT),
                userScores(ArtifactKind.SESSION_SEQ), contentSim());
    }
}
