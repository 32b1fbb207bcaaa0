package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.artifact.ArtifactEncoder;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.recsys.pipelines.registry.RegistryFixture.SURFACE;
import static io.recsys.pipelines.registry.RegistryFixture.TENANT;
import static io.recsys.pipelines.registry.RegistryFixture.popularity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When creating the history entry fails (a timeout), the publish does not know whether it landed:
 * it reads the entry back before deciding, and when it cannot, says so, swaps nothing and deletes
 * nothing. The next publish then finishes the job either way.
 */
class UnknownOutcomeTest {
    static final Artifact B = popularity("B=9");

    @TempDir
    Path tmp;
    FlakyStore store;
    RegistryFixture fx;
    PairPublisher.Result a;
    byte[] pointerA;

    @BeforeEach
    void publishA() {
        store = new FlakyStore();
        fx = new RegistryFixture(tmp).withStore(store);
        a = fx.publish(popularity("A=9"));
        pointerA = fx.pointerBytes();
    }

    @Test
    void aCreateThatLandedButWhoseAnswerWasLostIsRecognisedAsOurs() {
        store.timeOutEntryCreates(1, true);

        PairPublisher.Result b = fx.publish(B);

        assertTrue(b.outcome().published());
        assertEquals(2, b.outcome().seq());
        assertEquals(List.of(1L, 2L), fx.historySeqs(TENANT, SURFACE));
        assertEquals(Map.of("popularity", fx.uriOf(b)), fx.pointer().current());
    }

    @Test
    void aCreateThatDidNotLandIsMadeAgainAfterReadingBack() {
        store.timeOutEntryCreates(1, false);

        PairPublisher.Result b = fx.publish(B);

        assertTrue(b.outcome().published());
        assertEquals(List.of(1L, 2L), fx.historySeqs(TENANT, SURFACE));
    }

    @Test
    void whenStorageStaysDownTheOutcomeIsUnknownAndNothingIsSwappedOrDeleted() {
        store.timeOutEntryCreates(1, false).thenFailEntryReads();

        PipelineException e = assertThrows(PipelineException.class, () -> fx.publish(B));

        assertEquals(ExitCode.STORAGE, e.exitCode());
        assertTrue(e.getMessage().contains("outcome of creating history entry 2 of demo/home is unknown"), e.getMessage());
        assertTrue(e.getMessage().contains("deleted nothing"), e.getMessage());
        assertArrayEquals(pointerA, fx.pointerBytes());
        String versionB = ArtifactEncoder.version(B);
        assertTrue(Files.exists(fx.objectDir().resolve("demo/home/popularity/" + versionB + ".json")));
        assertTrue(Files.exists(fx.registryDir().resolve("records/demo/home/popularity/" + versionB + ".json")));
        assertEquals(List.of(1L), fx.historySeqs(TENANT, SURFACE));

        store.heal();
        PairPublisher.Result b = fx.publish(B);

        assertTrue(b.outcome().published());
        assertEquals(2, b.outcome().seq());
    }

    @Test
    void whenTheUnknownCreateHadLandedTheNextPublishCompletesThePointer() {
        store.timeOutEntryCreates(1, true).thenFailEntryReads();

        assertThrows(PipelineException.class, () -> fx.publish(B));

        assertArrayEquals(pointerA, fx.pointerBytes(), "the service still reads A");
        assertEquals(List.of(1L, 2L), fx.historySeqs(TENANT, SURFACE));

        store.heal();
        PairPublisher.Result again = fx.publish(B);

        assertFalse(again.outcome().published(), "entry 2 already holds B: completing the swap was all there was to do");
        assertEquals(2, again.outcome().seq());
        assertEquals(Map.of("popularity", fx.uriOf(again)), fx.pointer().current());
    }

    @Test
    void aRivalWhoseEntryLandedWhileOurCreateTimedOutWins() {
        Manifest rivals = fx.pointer();
        store.timeOutEntryCreates(1, false).meanwhile(path -> Rival.createsEntry(fx, 2, rivals));

        PipelineException e = assertThrows(PipelineException.class, () -> fx.publish(B));

        assertEquals(ExitCode.CONFLICT, e.exitCode());
        assertTrue(e.getMessage().contains("run " + Rival.RUN_ID), e.getMessage());
    }
}
