package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.artifact.ArtifactEncoder;
import io.recsys.pipelines.common.artifact.ArtifactHeader;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ArtifactWindow;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static io.recsys.pipelines.registry.RegistryFixture.SURFACE;
import static io.recsys.pipelines.registry.RegistryFixture.TENANT;
import static io.recsys.pipelines.registry.RegistryFixture.popularity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract 7: a gate that fails publishes nothing; force passes the drop gate only, and is recorded. */
class PublishGatesTest {
    @TempDir
    Path tmp;
    RegistryFixture fx;

    @BeforeEach
    void setUp() {
        fx = new RegistryFixture(tmp);
    }

    private PipelineException refused(Artifact artifact, PublishGates gates) {
        return assertThrows(PipelineException.class, () -> fx.publisher(fx.registry(), gates)
                .publish(TENANT, SURFACE, List.of(artifact), fx.run()));
    }

    private Path recordOf(Artifact artifact) {
        return fx.registryDir().resolve("records/demo/home/popularity/" + ArtifactEncoder.version(artifact) + ".json");
    }

    @Test
    void tooFewItemsIsRefusedBeforeAnyRecordOrEntry() {
        Artifact empty = popularity();

        PipelineException e = refused(empty, RegistryFixture.gates(true));

        assertEquals(ExitCode.GATE_REFUSED, e.exitCode());
        assertTrue(e.getMessage().contains("fewer than publish.min_items = 1"), e.getMessage());
        assertFalse(Files.exists(recordOf(empty)));
        assertTrue(fx.historySeqs(TENANT, SURFACE).isEmpty());
    }

    /** The volume gates are the popularity spec's: every other kind publishes an empty payload (4: a pair still gets it). */
    @Test
    void emptyArtifactsOfKindsWithoutVolumeGatesPublish() {
        for (ArtifactKind kind : ArtifactKind.values()) {
            if (kind.spec().rankedCounts().isEmpty()) {
                Artifact empty = new Artifact(new ArtifactHeader(kind, TENANT, SURFACE, "",
                        ArtifactWindow.ofDays(LocalDate.of(2026, 1, 1), 1)), kind.spec().empty());
                assertTrue(fx.publish(empty).outcome().published(), kind.id());
                long seq = fx.historySeqs(TENANT, SURFACE).get(fx.historySeqs(TENANT, SURFACE).size() - 1);
                assertEquals("null", fx.gateResult(seq, kind.id(), "min_items"), kind.id());
                assertTrue(fx.gateResult(seq, kind.id(), "service_reader").startsWith("pass"), kind.id());
            }
        }
    }

    @Test
    void aLargeDropIsRefusedAndForcedWithARecord() {
        fx.publish(popularity("A=100"));
        byte[] pointer = fx.pointerBytes();

        PipelineException e = refused(popularity("A=10"), RegistryFixture.gates(false));
        PairPublisher.Result forced = fx.publish(popularity("A=10"), true);

        assertTrue(e.getMessage().contains("total 100 -> 10 (drop 90.0%, max 50.0%)"), e.getMessage());
        assertTrue(forced.outcome().published());
        assertFalse(Arrays.equals(pointer, fx.pointerBytes()));
        assertTrue(fx.registry().entry(TENANT, SURFACE, 2).forced());
        String dropGate = fx.gateResult(2, "popularity", "max_drop_ratio");
        assertTrue(dropGate.startsWith("forced: total 100 -> 10"), dropGate);
    }

    @Test
    void aStoredBlobThatNoLongerHashesToItsVersionIsRefusedEvenWhenForced() throws Exception {
        fx.publish(popularity("A=5"));
        byte[] pointer = fx.pointerBytes();
        Artifact next = popularity("A=6");
        Path blob = fx.objectDir().resolve("demo/home/popularity/" + ArtifactEncoder.version(next) + ".json");
        Files.createDirectories(blob.getParent());
        String tampered = new String(ArtifactEncoder.encodeForPublish(next, fx.clock().instant(),
                ArtifactEncoder.version(next)), StandardCharsets.UTF_8).replace("\"count\":6", "\"count\":7");
        Files.writeString(blob, tampered);

        PipelineException e = refused(next, RegistryFixture.gates(true));

        assertTrue(e.getMessage().contains("stored blob hashes to"), e.getMessage());
        assertArrayEquals(pointer, fx.pointerBytes());
    }

    @Test
    void aBlobOverTheServiceLimitIsRefused() {
        PipelineException e = refused(popularity("A=5"), new PublishGates(100, 1, 0.5, true));

        assertTrue(e.getMessage().contains("over the service limit of 100"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was published"), e.getMessage());
        assertEquals(List.of(), fx.allFiles(), "an oversized artifact is refused before its blob is written");
    }

    @Test
    void theSameArtifactAgainIsANoOpWithoutANewEntry() {
        PairPublisher.Result first = fx.publish(popularity("A=5"));
        PairPublisher.Result again = fx.publish(popularity("A=5"));

        assertTrue(first.outcome().published());
        assertFalse(again.outcome().published());
        assertFalse(again.artifacts().get(0).blobCreated());
        assertEquals(List.of(1L), fx.historySeqs(TENANT, SURFACE));
    }

    @Test
    void recordOnlyStoresAndDescribesArtifactsWithoutGoingLive() {
        fx.publish(popularity("A=100"));
        byte[] pointer = fx.pointerBytes();
        Artifact backfillDay = popularity("A=1");

        List<PairPublisher.WrittenArtifact> written = fx.publisher(fx.registry(), RegistryFixture.gates(false))
                .recordOnly(TENANT, SURFACE, List.of(backfillDay), fx.run());

        assertTrue(written.get(0).blobCreated());
        assertTrue(Files.exists(recordOf(backfillDay)));
        assertFalse(written.get(0).gateResults().containsKey("max_drop_ratio"), "nothing is compared with the live artifact");
        assertArrayEquals(pointer, fx.pointerBytes());
        assertEquals(List.of(1L), fx.historySeqs(TENANT, SURFACE));
    }

    @Test
    void recordOnlyStillRefusesABlobTheServiceWouldReject() {
        PipelineException e = assertThrows(PipelineException.class, () -> fx.publisher(fx.registry(),
                new PublishGates(100, 1, 0.5, false)).recordOnly(TENANT, SURFACE, List.of(popularity("A=1")), fx.run()));

        assertEquals(ExitCode.GATE_REFUSED, e.exitCode());
        assertFalse(Files.exists(recordOf(popularity("A=1"))));
    }
}
