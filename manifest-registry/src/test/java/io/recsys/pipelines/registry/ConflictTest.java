package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * The create-only history entry carries the race on any store: the publisher that loses entry N
 * gets exit 6 naming the winner, moves nothing, and the next publish builds on the winner.
 */
class ConflictTest {
    @TempDir
    Path tmp;

    @Test
    void theLoserOfEntryNGetsAConflictNamingTheWinnerAndChangesNothing() {
        RegistryFixture fx = new RegistryFixture(tmp);
        PairPublisher.Result a = fx.publish(popularity("A=5"));
        byte[] pointerBefore = fx.pointerBytes();
        Manifest rivals = new Manifest(TENANT, SURFACE, new java.util.TreeMap<>(Map.of("popularity", fx.uriOf(a))),
                fx.clock().instant().toString());
        Registry loser = fx.registry();
        loser.setHook(step -> {
            if (step == PublishHook.Step.BEFORE_HISTORY_ENTRY) {
                Rival.createsEntry(fx, 2, rivals);
            }
        });

        PipelineException e = assertThrows(PipelineException.class, () -> fx.publisher(loser, RegistryFixture.gates(false))
                .publish(TENANT, SURFACE, List.of(popularity("A=6")), fx.run()));

        assertEquals(ExitCode.CONFLICT, e.exitCode());
        assertTrue(e.getMessage().contains("history entry 2 of demo/home was created first by run rival-run (rival@elsewhere"),
                e.getMessage());
        assertArrayEquals(pointerBefore, fx.pointerBytes(), "the loser never touches the pointer");

        PairPublisher.Result next = fx.publish(popularity("A=6"));

        assertEquals(3, next.outcome().seq());
        assertEquals(List.of(1L, 2L, 3L), fx.historySeqs(TENANT, SURFACE));
        assertEquals(fx.registry().entry(TENANT, SURFACE, 3).manifest(), fx.pointer());
    }
}
