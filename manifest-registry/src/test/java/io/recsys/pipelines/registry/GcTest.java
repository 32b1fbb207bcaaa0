package io.recsys.pipelines.registry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;

import static io.recsys.pipelines.registry.RegistryFixture.SURFACE;
import static io.recsys.pipelines.registry.RegistryFixture.TENANT;
import static io.recsys.pipelines.registry.RegistryFixture.popularity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gc deletes only what no kept entry names and what is old enough; the rest survives, whatever its age. */
class GcTest {
    @TempDir
    Path tmp;
    RegistryFixture fx;
    List<PairPublisher.Result> published;

    /** Four publishes, then ten days pass: every object is older than the default min-age. */
    @BeforeEach
    void publishFourVersionsAndAgeThem() {
        fx = new RegistryFixture(tmp);
        published = List.of(fx.publish(popularity("A=5")), fx.publish(popularity("A=6")),
                fx.publish(popularity("A=7")), fx.publish(popularity("A=8")));
        fx.clock().advance(Duration.ofDays(10));
    }

    private Path record(PairPublisher.Result r) {
        return fx.registryDir().resolve("records/demo/home/popularity/" + r.artifacts().get(0).ref().version() + ".json");
    }

    private boolean blobExists(int i) {
        return Files.exists(fx.blobFile(published.get(i)));
    }

    @Test
    void deletesOldUnreferencedBlobsAndRecordsAndNeverAReferencedOne() {
        CliResult result = fx.cli("gc", "--keep", "2");

        assertEquals(0, result.exitCode(), result.toString());
        assertFalse(blobExists(0));
        assertFalse(blobExists(1));
        assertFalse(Files.exists(record(published.get(0))));
        assertTrue(blobExists(2), "named by entry 3, one of the newest two");
        assertTrue(blobExists(3), "live");
        assertTrue(Files.exists(record(published.get(3))));
        assertTrue(result.out().contains("deleted blob " + "file:" + fx.blobFile(published.get(0))), result.out());
        assertTrue(result.out().contains("deleted: 4"), result.out());
        assertEquals(List.of(1L, 2L, 3L, 4L), fx.historySeqs(TENANT, SURFACE), "history is never deleted");
        assertEquals(0, fx.cli("verify").exitCode());
    }

    @Test
    void keepsWhatTheRestoredManifestOfARollbackNamesAndRefusesARollbackToWhatItDeleted() {
        assertEquals(0, fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "1", "--reason", "r").exitCode());

        assertEquals(0, fx.cli("gc", "--keep", "2", "--tenant", TENANT, "--surface", SURFACE).exitCode());

        assertTrue(blobExists(0), "live again after the rollback");
        assertTrue(blobExists(3), "named by entry 4, the entry rolled away from");
        assertFalse(blobExists(1));
        assertFalse(blobExists(2));
        CliResult refused = fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "2", "--reason", "r");
        assertEquals(5, refused.exitCode(), refused.toString());
    }

    @Test
    void leavesObjectsYoungerThanMinAge() throws Exception {
        Files.setLastModifiedTime(fx.blobFile(published.get(0)), FileTime.from(fx.clock().instant().minus(Duration.ofHours(2))));

        CliResult result = fx.cli("gc", "--keep", "1", "--min-age", "36h");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(blobExists(0), "two hours old");
        assertFalse(blobExists(1));
        assertTrue(blobExists(3));
    }

    @Test
    void dryRunPrintsWhatItWouldDeleteAndDeletesNothing() {
        List<String> before = fx.allFiles();

        CliResult result = fx.cli("gc", "--keep", "1", "--dry-run");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(before, fx.allFiles());
        assertTrue(result.out().contains("would delete blob"), result.out());
        assertTrue(result.out().contains("would delete record"), result.out());
        assertTrue(result.out().contains("would delete: 6"), result.out());
    }

    @Test
    void skipsAPairWhosePointerLagsItsNewestEntry() throws Exception {
        Files.write(fx.pointerFile(TENANT, SURFACE), fx.registry().entry(TENANT, SURFACE, 3).manifest().toBytes());
        List<String> before = fx.allFiles();

        CliResult result = fx.cli("gc", "--keep", "1");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("skipped"), result.out());
        assertEquals(before, fx.allFiles());
    }

    @Test
    void keepMustBeAtLeastOneAndMinAgeADuration() {
        assertEquals(2, fx.cli("gc", "--keep", "0").exitCode());
        assertEquals(2, fx.cli("gc", "--keep", "1", "--min-age", "seven days").exitCode());
        assertEquals(2, fx.cli("gc").exitCode());
    }
}
