package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.Artifact;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.recsys.pipelines.registry.RegistryFixture.SURFACE;
import static io.recsys.pipelines.registry.RegistryFixture.TENANT;
import static io.recsys.pipelines.registry.RegistryFixture.popularity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rollbacks are held to the publish rules (issue 14, point 3): restoring a rejected version needs
 * --force and names the rollback that rejected it; the live version never carries a rejected mark;
 * `manifest rejected list|clear` shows and lifts marks, and every lifted mark is recorded.
 */
class RollbackRulesTest {
    static final Artifact A = popularity("A=5", "B=3");
    static final Artifact B = popularity("A=4", "C=4");
    static final Artifact C = popularity("A=4", "D=4");

    @TempDir
    Path tmp;
    RegistryFixture fx;
    String versionB;
    String versionC;

    @BeforeEach
    void publishABC() {
        fx = new RegistryFixture(tmp);
        fx.publish(A);
        versionB = BlobUris.versionOf(fx.uriOf(fx.publish(B)));
        versionC = BlobUris.versionOf(fx.uriOf(fx.publish(C)));
    }

    private CliResult manifest(String... args) {
        return fx.cli(args);
    }

    private String liveVersion() {
        return BlobUris.versionOf(fx.pointer().current().get("popularity"));
    }

    /** The invariant: no live version carries a rejected mark. */
    private void assertLiveIsNotRejected() {
        assertFalse(fx.registry().rejection(TENANT, SURFACE, "popularity", liveVersion()).isPresent(),
                "the live version " + liveVersion() + " carries a rejected mark");
    }

    @Test
    void rollingBackOntoTheVersionARollbackRejectedNeedsForceAndNamesThatRollback() {
        assertEquals(0, manifest("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "2", "--reason", "C is bad")
                .exitCode());
        assertEquals(versionB, liveVersion());
        List<String> before = fx.allFiles();

        // --steps 1 from entry 4 is entry 3, the version entry 4 just rejected.
        CliResult refused = manifest("rollback", "--tenant", TENANT, "--surface", SURFACE, "--steps", "1", "--reason", "oops");

        assertEquals(5, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("popularity version " + versionC + " was rejected by rollback entry 4"),
                refused.err());
        assertTrue(refused.err().contains("C is bad") && refused.err().contains("--force"), refused.err());
        assertEquals(before, fx.allFiles(), "nothing was changed");
        assertEquals(versionB, liveVersion());
    }

    @Test
    void aForcedRollbackRestoresItRecordsItAndLiftsTheMark() {
        manifest("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "2", "--reason", "C is bad");

        CliResult forced = manifest("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "3", "--reason",
                "C was fine after all", "--force");

        assertEquals(0, forced.exitCode(), forced.toString());
        assertEquals(versionC, liveVersion());
        HistoryEntry entry = fx.registry().entry(TENANT, SURFACE, 5);
        assertTrue(entry.forced());
        assertTrue(fx.gateResult(5, "popularity", "rejected_version").startsWith("forced: popularity version " + versionC
                + " was rejected by rollback entry 4"), fx.gateResult(5, "popularity", "rejected_version"));
        assertTrue(forced.out().contains("live again although it was rejected by rollback entry 4"), forced.out());
        assertLiveIsNotRejected();
        ClearedRejection lifted = fx.registry().clearedRejections(TENANT, SURFACE).get(0);
        assertEquals(versionC, lifted.version());
        assertEquals(4, lifted.rejection().rollbackSeq());
        assertEquals("rollback", lifted.action());
        assertEquals(5L, lifted.seq());
        assertEquals("C was fine after all", lifted.reason());
        assertEquals(5, fx.registry().rejection(TENANT, SURFACE, "popularity", versionB).orElseThrow().rollbackSeq(),
                "and B, rolled away from now, is rejected by entry 5");
    }

    @Test
    void aForcedPublishOfARejectedVersionLiftsItsMarkToo() {
        manifest("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "2", "--reason", "C is bad");

        fx.publish(C, true);

        assertEquals(versionC, liveVersion());
        assertLiveIsNotRejected();
        ClearedRejection lifted = fx.registry().clearedRejections(TENANT, SURFACE).get(0);
        assertEquals("publish", lifted.action());
        assertEquals(5L, lifted.seq());
    }

    @Test
    void aMarkLeftOnTheLiveVersionByAnOlderReleaseIsLiftedByTheNextChange() throws Exception {
        // As an older release's `rollback --steps 1` could leave it: the live version C marked rejected.
        Path marker = fx.registryDir().resolve("rejected/demo/home/popularity/" + versionC + ".json");
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, "{\"kind\":\"popularity\",\"version\":\"" + versionC + "\",\"uri\":\"x\","
                + "\"rollback_seq\":2,\"rejected_at\":\"2026-01-01T00:00:00Z\",\"who\":\"old\",\"reason\":\"old\"}");
        assertTrue(manifest("rejected", "list", "--tenant", TENANT, "--surface", SURFACE).out().contains("LIVE"));

        fx.publish(popularity("Z=9"));
        assertEquals(0, manifest("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "3", "--reason", "back",
                "--force").exitCode());

        assertEquals(versionC, liveVersion());
        assertLiveIsNotRejected();
    }

    @Test
    void listShowsMarksAndClearLiftsOneWithARecord() {
        manifest("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "2", "--reason", "C is bad");

        CliResult list = manifest("rejected", "list", "--tenant", TENANT, "--surface", SURFACE);
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().contains("demo/home: 1 rejected version(s)"), list.out());
        assertTrue(list.out().contains(versionC + "  rejected by rollback #4"), list.out());
        assertTrue(list.out().contains("\"C is bad\""), list.out());

        assertEquals(2, manifest("rejected", "clear", "--tenant", TENANT, "--surface", SURFACE, "--kind", "popularity",
                "--version", versionC).exitCode(), "a reason is required");
        CliResult unknown = manifest("rejected", "clear", "--tenant", TENANT, "--surface", SURFACE, "--kind", "popularity",
                "--version", versionB, "--reason", "r");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("no rejected marker"), unknown.err());

        CliResult cleared = manifest("rejected", "clear", "--tenant", TENANT, "--surface", SURFACE, "--kind", "popularity",
                "--version", versionC, "--reason", "the export was re-checked");

        assertEquals(0, cleared.exitCode(), cleared.toString());
        assertFalse(fx.registry().rejection(TENANT, SURFACE, "popularity", versionC).isPresent());
        ClearedRejection record = fx.registry().clearedRejections(TENANT, SURFACE).get(0);
        assertEquals(ClearedRejection.CLEAR, record.action());
        assertEquals("the export was re-checked", record.reason());
        assertFalse(record.who().isBlank());
        assertTrue(Files.exists(fx.registryDir().resolve("rejected-cleared/demo/home/popularity/" + versionC + "-4.json")));
        CliResult after = manifest("rejected", "list", "--tenant", TENANT, "--surface", SURFACE);
        assertTrue(after.out().contains("demo/home: 0 rejected version(s)"), after.out());
        assertTrue(after.out().contains("cleared      popularity " + versionC + " (rejected by rollback entry 4)"),
                after.out());
        assertEquals(4, fx.historySeqs(TENANT, SURFACE).size(), "clearing changes no pointer and adds no entry");

        assertTrue(fx.publish(C).outcome().published(), "no force needed any more");
        assertEquals(List.of(), fx.registry().rejections(TENANT, SURFACE));
    }
}
