package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.storage.LocalObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.recsys.pipelines.registry.RegistryFixture.SURFACE;
import static io.recsys.pipelines.registry.RegistryFixture.TENANT;
import static io.recsys.pipelines.registry.RegistryFixture.popularity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A publish that dies at any step leaves the service reading the previous manifest, and the next
 * publish completes the job without manual repair (a lagging pointer is brought to the newest entry).
 */
class CrashSafetyTest {
    static final Artifact A = popularity("A=3");
    static final Artifact B = popularity("B=3");

    @TempDir
    Path tmp;
    RegistryFixture fx;
    PairPublisher.Result a;
    byte[] pointerA;

    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(PublishHook.Step step) {
            super("process died at " + step);
        }
    }

    private static PublishHook crashAt(PublishHook.Step step) {
        return reached -> {
            if (reached == step) {
                throw new SimulatedCrash(step);
            }
        };
    }

    @BeforeEach
    void publishA() {
        fx = new RegistryFixture(tmp);
        a = fx.publish(A);
        pointerA = fx.pointerBytes();
    }

    private void assertServiceReads(byte[] pointer) {
        assertArrayEquals(pointer, fx.pointerBytes());
        assertTrue(new LiveVerifier(fx.registry(), new LocalObjectStore(), 10_000_000).verify(TENANT, SURFACE).ok());
    }

    @ParameterizedTest
    @EnumSource(PublishHook.Step.class)
    void aCrashLeavesThePreviousManifestLiveAndTheNextPublishCompletes(PublishHook.Step step) {
        Registry crashing = fx.registry();
        crashing.setHook(crashAt(step));

        assertThrows(SimulatedCrash.class, () -> fx.publisher(crashing, RegistryFixture.gates(false))
                .publish(TENANT, SURFACE, List.of(B), fx.run()));

        assertServiceReads(pointerA);
        PairPublisher.Result next = fx.publish(B);

        assertEquals(2, next.outcome().seq());
        assertEquals(Map.of("popularity", fx.uriOf(next)), fx.pointer().current());
        assertEquals(List.of(1L, 2L), fx.historySeqs(TENANT, SURFACE));
        assertServiceReads(fx.registry().entry(TENANT, SURFACE, 2).manifest().toBytes());
        assertTrue(fx.cli("show", "--tenant", TENANT, "--surface", SURFACE).err().isEmpty(), "no lag left");
    }

    @Test
    void aRollbackThatDiedBeforeItsSwapIsCompletedByRunningItAgain() {
        PairPublisher.Result b = fx.publish(B);
        byte[] pointerB = fx.pointerBytes();
        Registry crashing = fx.registry();
        crashing.setHook(crashAt(PublishHook.Step.BEFORE_SWAP));

        assertThrows(SimulatedCrash.class, () -> crashing.rollback(
                new RollbackRequest(TENANT, SURFACE, 1L, null, "bad", "op@host", "rb-1"), new LocalObjectStore()));

        assertServiceReads(pointerB);
        CliResult again = fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "1", "--reason", "bad");

        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("already live (entry #3)"), again.out());
        assertEquals(Map.of("popularity", fx.uriOf(a)), fx.pointer().current());
        assertTrue(fx.registry().rejection(TENANT, SURFACE, "popularity", b.artifacts().get(0).ref().version()).isPresent());
    }
}
