package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.storage.LocalObjectStore;
import io.recsys.pipelines.common.storage.Location;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.recsys.pipelines.registry.RegistryFixture.SURFACE;
import static io.recsys.pipelines.registry.RegistryFixture.TENANT;
import static io.recsys.pipelines.registry.RegistryFixture.popularity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 point 5: gc and a publish that re-uses an old blob (run --date <old day> --force) cannot
 * race into a pointer that names a deleted blob; and gc judges only objects of the layout's shape.
 */
class GcPublishRaceTest {
    @TempDir
    Path tmp;
    RegistryFixture fx;
    PairPublisher.Result v1;

    @BeforeEach
    void twoVersionsTheFirstOfThemOld() throws Exception {
        fx = new RegistryFixture(tmp);
        v1 = fx.publish(popularity("A=5"));
        fx.publish(popularity("A=6"));
        age(fx.blobFile(v1));
        age(fx.registryDir().resolve("records/demo/home/popularity/" + v1.artifacts().get(0).ref().version() + ".json"));
        // The history entries are as old: the blob of v1 predates the newest entry either way.
        for (Path entry : Workspace.files(fx.registryDir().resolve("history/demo/home"))) {
            age(entry);
        }
        Files.setLastModifiedTime(fx.registryDir().resolve("history/demo/home/00000002.json"),
                FileTime.from(Instant.now().minus(Duration.ofDays(10))));
    }

    private static void age(Path file) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(30))));
    }

    private GarbageCollector gc(Registry registry) {
        return new GarbageCollector(registry, new LocalObjectStore(), Location.of(fx.objectDir().toString()),
                fx.clock()::instant);
    }

    @Test
    void gcBetweenTheBlobStepAndTheEntryOfAPublishThatReusesAnOldBlobLeavesNoDanglingPointer() {
        Registry registry = fx.registry();
        List<GcReport> reports = new java.util.ArrayList<>();
        registry.setHook(step -> {
            if (step == PublishHook.Step.AFTER_RECORDS && reports.isEmpty()) {
                // The re-used blob is old and not named by the newest entry: gc takes it, as it should.
                reports.add(gc(registry).collect(TENANT, SURFACE, 1, Duration.ZERO, false));
            }
        });

        PairPublisher.Result again = fx.publisher(registry, RegistryFixture.gates(true))
                .publish(TENANT, SURFACE, List.of(popularity("A=5")), fx.run());

        assertEquals(1, reports.get(0).deletions().stream().filter(d -> d.what().equals("blob")).count(),
                reports.toString());
        assertTrue(again.outcome().published());
        assertEquals(fx.uriOf(v1), again.outcome().manifest().current().get("popularity"));
        assertTrue(Files.exists(fx.blobFile(v1)), "the publish put the blob back before naming it");
        CliResult verify = fx.cli("verify");
        assertEquals(0, verify.exitCode(), verify.toString());
    }

    @Test
    void objectsWrittenAfterTheNewestEntryBelongToAPublishOnItsWayAndAreSpared() throws Exception {
        Path young = fx.objectDir().resolve("demo/home/popularity/" + "b".repeat(64) + ".json");
        Path old = fx.objectDir().resolve("demo/home/popularity/" + "c".repeat(64) + ".json");
        Files.writeString(young, "{}");
        Files.writeString(old, "{}");
        age(old);
        fx.clock().advance(Duration.ofHours(1)); // both are older than --min-age 0s

        GcReport report = gc(fx.registry()).collect(TENANT, SURFACE, 1, Duration.ZERO, false);

        assertTrue(Files.exists(young), "written after the newest entry: a publish may be about to name it");
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(fx.blobFile(v1)));
        assertEquals(2, report.deletions().stream().filter(d -> d.what().equals("blob")).count(), report.toString());
    }

    @Test
    void gcJudgesOnlyObjectsOfTheLayoutsShape() throws Exception {
        Path strayPointer = fx.objectDir().resolve("demo/home/current/x/manifest.json");
        Path nested = fx.objectDir().resolve("demo/home/popularity/deeper/" + "d".repeat(64) + ".json");
        Path notAKind = fx.objectDir().resolve("demo/home/manifest.json");
        for (Path p : List.of(strayPointer, nested, notAKind)) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "{}", StandardCharsets.UTF_8);
            age(p);
        }

        fx.clock().advance(Duration.ofDays(60));
        CliResult result = fx.cli("gc", "--keep", "1", "--min-age", "0s");

        assertEquals(0, result.exitCode(), result.toString());
        for (Path p : List.of(strayPointer, nested, notAKind)) {
            assertTrue(Files.exists(p), p + " is not <kind>/<version>.json: not gc's to judge");
        }
        assertFalse(Files.exists(fx.blobFile(v1)));
    }

    /** Files of a folder, for ageing them. */
    static final class Workspace {
        static List<Path> files(Path folder) throws java.io.IOException {
            try (var s = Files.list(folder)) {
                return s.filter(Files::isRegularFile).toList();
            }
        }
    }
}
