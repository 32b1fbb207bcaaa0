package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.LocalObjectStore;
import io.recsys.pipelines.common.storage.Location;
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

class RollbackTest {
    static final Artifact A = popularity("A=5", "B=3");
    static final Artifact B = popularity("A=4", "C=4");

    @TempDir
    Path tmp;
    RegistryFixture fx;
    String uriA;
    String uriB;

    @BeforeEach
    void publishAThenB() {
        fx = new RegistryFixture(tmp);
        uriA = fx.uriOf(fx.publish(A));
        uriB = fx.uriOf(fx.publish(B));
    }

    @Test
    void rollbackToAMakesTheServiceReadAAgainAsANewHistoryEntry() {
        CliResult result = fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "1", "--reason", "bad data");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(Map.of("popularity", uriA), fx.pointer().current());
        assertEquals(List.of(1L, 2L, 3L), fx.historySeqs(TENANT, SURFACE));
        HistoryEntry entry = fx.registry().entry(TENANT, SURFACE, 3);
        assertEquals(HistoryEntry.ROLLBACK, entry.action());
        assertEquals(2L, entry.previousSeq());
        assertEquals(1L, entry.rollbackToSeq());
        assertEquals("bad data", entry.reason());
        assertFalse(entry.who().isBlank());
        assertEquals(Map.of("popularity", BlobUris.versionOf(uriB)), entry.rejected());
        assertEquals(BlobUris.versionOf(uriA), entry.artifacts().get("popularity").version(),
                "the entry describes the restored artifact from its record");
        assertTrue(result.out().contains("#3 restores #1"), result.out());
        assertTrue(new LiveVerifier(fx.registry(), new LocalObjectStore(), 10_000_000)
                .verify(TENANT, SURFACE).ok());
    }

    @Test
    void rolledAwayVersionIsRefusedWithoutForceAndPublishedWithForceWhichIsRecorded() {
        fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "1", "--reason", "bad data");
        byte[] pointerAfterRollback = fx.pointerBytes();

        PipelineException refused = assertThrows(PipelineException.class, () -> fx.publish(B));

        assertEquals(ExitCode.GATE_REFUSED, refused.exitCode());
        assertTrue(refused.getMessage().contains("rejected by rollback entry 3"), refused.getMessage());
        assertTrue(refused.getMessage().contains("bad data"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
        assertArrayEquals(pointerAfterRollback, fx.pointerBytes());
        assertEquals(3, fx.historySeqs(TENANT, SURFACE).size());

        PairPublisher.Result forced = fx.publish(B, true);

        assertTrue(forced.outcome().published());
        assertEquals(Map.of("popularity", uriB), fx.pointer().current());
        assertTrue(fx.registry().entry(TENANT, SURFACE, 4).forced());
        String rejectedGate = fx.gateResult(4, "popularity", "rejected_version");
        assertTrue(rejectedGate.startsWith("forced: popularity version " + BlobUris.versionOf(uriB)), rejectedGate);
    }

    @Test
    void registryPublishAloneAlsoRefusesARejectedVersion() {
        fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--steps", "1", "--reason", "bad data");
        ArtifactRef refB = fx.registry().readRecord(TENANT, SURFACE, "popularity", BlobUris.versionOf(uriB)).orElseThrow();
        PublishRequest request = new PublishRequest(TENANT, SURFACE, Map.of("popularity", refB), "run-x", "someone",
                "retry", false, Map.of(), Map.of());

        PipelineException refused = assertThrows(PipelineException.class, () -> fx.registry().publish(request));

        assertEquals(ExitCode.GATE_REFUSED, refused.exitCode());
    }

    @Test
    void stepsCountBackFromTheNewestEntry() {
        fx.publish(popularity("D=9"));

        CliResult result = fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--steps", "2", "--reason", "r");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(Map.of("popularity", uriA), fx.pointer().current());
        assertEquals(1L, fx.registry().entry(TENANT, SURFACE, 4).rollbackToSeq());
    }

    @Test
    void rollbackToAnEntryWhoseBlobIsGoneIsRefusedBeforeAnyChange() throws Exception {
        Files.delete(Path.of(Location.fromServiceUri(uriA).toUri()));
        List<String> before = fx.allFiles();

        CliResult result = fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "1", "--reason", "r");

        assertEquals(5, result.exitCode(), result.toString());
        assertTrue(result.err().contains("blobs are gone"), result.err());
        assertTrue(result.err().contains(uriA), result.err());
        assertEquals(before, fx.allFiles(), "no entry, no marker, no pointer change");
    }

    @Test
    void rollbackNeedsAReasonAndExactlyOneTarget() {
        assertEquals(2, fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "1").exitCode());
        assertEquals(2, fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "1", "--steps", "1",
                "--reason", "r").exitCode());
        assertEquals(2, fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--reason", "r").exitCode());
    }

    @Test
    void targetMustBeAnEarlierEntry() {
        CliResult result = fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "2", "--reason", "r");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("between 1 and 1"), result.err());
    }

    @Test
    void rollingBackToTheManifestThatIsAlreadyLiveChangesNothing() {
        fx.publish(A);
        List<String> before = fx.allFiles();

        CliResult result = fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "1", "--reason", "r");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("already live"), result.out());
        assertEquals(before, fx.allFiles());
    }

    @Test
    void rollingBackAPairWithoutHistoryIsAUsageError() {
        CliResult result = fx.cli("rollback", "--tenant", TENANT, "--surface", "other", "--to", "1", "--reason", "r");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("no history"), result.err());
    }

    @Test
    void aVersionRejectedAgainAfterItWasLiveAgainCarriesTheNewRejectionAndTheOldOneIsRecorded() {
        fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "1", "--reason", "first");
        fx.publish(B, true);
        fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "3", "--reason", "second");

        RejectedVersion rejection = fx.registry().rejection(TENANT, SURFACE, "popularity", BlobUris.versionOf(uriB))
                .orElseThrow();

        assertEquals("second", rejection.reason());
        assertEquals(5, rejection.rollbackSeq());
        ClearedRejection first = fx.registry().clearedRejections(TENANT, SURFACE).get(0);
        assertEquals("first", first.rejection().reason());
        assertEquals(4L, first.seq(), "lifted by the forced publish, entry 4");
        assertFalse(fx.registry().rejection(TENANT, SURFACE, "popularity", BlobUris.versionOf(uriA)).isPresent());
    }

    @Test
    void theFirstRejectionOfAVersionIsTheOneKeptWhileItIsNotLive() {
        fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "1", "--reason", "first");
        // B is rejected by entry 3 and never live again: later changes leave its mark as it was.
        fx.publish(popularity("E=9"));
        fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "3", "--reason", "second");

        RejectedVersion rejection = fx.registry().rejection(TENANT, SURFACE, "popularity", BlobUris.versionOf(uriB))
                .orElseThrow();

        assertEquals("first", rejection.reason());
        assertEquals(3, rejection.rollbackSeq());
    }
}
