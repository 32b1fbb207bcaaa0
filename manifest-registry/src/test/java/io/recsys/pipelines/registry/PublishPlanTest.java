package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.Artifact;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.recsys.pipelines.registry.RegistryFixture.SURFACE;
import static io.recsys.pipelines.registry.RegistryFixture.TENANT;
import static io.recsys.pipelines.registry.RegistryFixture.popularity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A dry run computes what a publish would do, with the same gates, and writes nothing. */
class PublishPlanTest {
    static final Artifact LIVE = popularity("i1=40", "i2=30", "i3=20", "i4=10");

    @TempDir
    Path tmp;
    RegistryFixture fx;

    @BeforeEach
    void setUp() {
        fx = new RegistryFixture(tmp);
    }

    private PairPlan plan(Artifact candidate, boolean force) {
        return fx.publisher(fx.registry(), RegistryFixture.gates(force)).plan(TENANT, SURFACE, List.of(candidate), fx.run());
    }

    @Test
    void aFirstPublishIsNewAndPasses() {
        PairPlan plan = plan(LIVE, false);

        assertNull(plan.liveSeq());
        assertTrue(plan.changes());
        assertTrue(plan.passes());
        PairPlan.KindPlan kind = plan.kinds().get(0);
        assertNull(kind.liveVersion());
        assertEquals(4, kind.candidateItems());
        assertTrue(kind.candidateBytes() > 0);
        assertNull(kind.topChanged());
        assertEquals("pass: nothing live", kind.gates().get("max_drop_ratio"));
        assertTrue(fx.allFiles().isEmpty(), "nothing written: " + fx.allFiles());
    }

    @Test
    void comparesWithTheLiveArtifactWithoutWritingAnything() {
        PairPublisher.Result live = fx.publish(LIVE);
        List<String> before = fx.allFiles();

        PairPlan plan = plan(popularity("i1=41", "i2=30", "x=20", "y=10"), false);

        assertEquals(before, fx.allFiles());
        assertEquals(1L, plan.liveSeq());
        PairPlan.KindPlan kind = plan.kinds().get(0);
        assertEquals(live.artifacts().get(0).ref().version(), kind.liveVersion());
        assertTrue(kind.changed());
        assertEquals(4, kind.liveItems());
        assertEquals(live.artifacts().get(0).ref().bytes(), kind.liveBytes());
        assertEquals(0.5, kind.topChanged(), 1e-9, "i3 and i4 left the top 100");
        assertTrue(plan.passes(), kind.gates().toString());
        assertTrue(String.valueOf(kind.gates().get("max_drop_ratio")).startsWith("pass: total 100 -> 101"), kind.gates().toString());
    }

    @Test
    void theLiveArtifactItselfChangesNothing() {
        fx.publish(LIVE);

        PairPlan plan = plan(LIVE, false);

        assertFalse(plan.changes());
        assertEquals(0.0, plan.kinds().get(0).topChanged());
    }

    @Test
    void reportsAFailingDropGateAndTheForcedOverride() {
        fx.publish(LIVE);

        PairPlan refused = plan(popularity("i1=10"), false);
        PairPlan forced = plan(popularity("i1=10"), true);

        assertFalse(refused.passes());
        assertTrue(String.valueOf(refused.kinds().get(0).gates().get("max_drop_ratio")).startsWith("fail: total 100 -> 10"));
        assertTrue(refused.kinds().get(0).refusals().get(0).contains("--force"));
        assertTrue(forced.passes());
        assertTrue(String.valueOf(forced.kinds().get(0).gates().get("max_drop_ratio")).startsWith("forced: "));
    }

    @Test
    void reportsARejectedVersion() {
        Artifact bad = popularity("i1=40", "i2=31");
        fx.publish(LIVE);
        fx.publish(bad);
        fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "1", "--reason", "bad");

        PairPlan plan = plan(bad, false);

        assertFalse(plan.passes());
        assertTrue(String.valueOf(plan.kinds().get(0).gates().get("rejected_version")).contains("rejected by rollback entry 3"));
    }
}
