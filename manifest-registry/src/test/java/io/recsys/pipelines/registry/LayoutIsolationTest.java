package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static io.recsys.pipelines.registry.RegistryFixture.popularity;
import static io.recsys.pipelines.registry.RegistryFixture.popularityOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 points 1-2 at the registry: every path is made from validated segments, the operator's
 * --tenant/--surface are usage errors when they break the rule, and folders left with such names
 * (by an older version) do not stop status, verify or gc.
 */
class LayoutIsolationTest {
    @TempDir
    Path tmp;

    @Test
    void everyPathOfTheLayoutRefusesNamesThatCouldEscapeIt() {
        RegistryLayout layout = new RegistryLayout(Location.of(tmp.resolve("registry").toString()));
        io.recsys.pipelines.common.storage.Location objects = Location.of(tmp.resolve("objects").toString());
        List<Consumer<String>> builders = List.of(
                t -> layout.pointer(t, "home"), t -> layout.pointer("demo", t), t -> layout.historyFolder(t, "home"),
                t -> layout.historyEntry("demo", t, 1), t -> layout.record(t, "home", "popularity", "v"),
                t -> layout.rejected("demo", t, "popularity", "v"), t -> layout.lockFile(t, "home"),
                t -> layout.checkpointsFolder(t), t -> layout.checkpointMarker("demo", t, java.time.LocalDate.EPOCH, "covered"),
                t -> layout.blob(objects, t, "home", "popularity", "v"), t -> layout.blobFolder(objects, "demo", t),
                t -> layout.record("demo", "home", t, "v"), t -> layout.blob(objects, "demo", "home", "popularity", t));
        for (String hostile : List.of("file:", "a:b", "../x", "..", "/etc", "registry", "current", "x".repeat(300),
                "__HIVE_DEFAULT_PARTITION__")) {
            for (Consumer<String> build : builders) {
                if (hostile.equals("registry") || hostile.equals("current") || hostile.startsWith("__HIVE")) {
                    continue;
                }
                PipelineException e = assertThrows(PipelineException.class, () -> build.accept(hostile), hostile);
                assertEquals(ExitCode.USAGE, e.exitCode());
            }
            assertThrows(PipelineException.class, () -> layout.pointer(hostile, "home"), hostile);
            assertThrows(PipelineException.class, () -> layout.blob(objects, hostile, "home", "popularity", "v"), hostile);
        }
    }

    @Test
    void aBadTenantOrSurfaceOptionIsAUsageError() {
        RegistryFixture fx = new RegistryFixture(tmp);
        fx.publish(popularity("A=1"));
        for (List<String> args : List.of(List.of("show", "--tenant", "../x", "--surface", "home"),
                List.of("history", "--tenant", "file:", "--surface", "home"),
                List.of("gc", "--keep", "1", "--tenant", "demo", "--surface", "a:b"),
                List.of("rollback", "--tenant", "registry", "--surface", "home", "--to", "1", "--reason", "r"),
                List.of("verify", "--tenant", "demo", "--surface", "x".repeat(300)))) {
            CliResult result = fx.cli(args.toArray(String[]::new));
            assertEquals(2, result.exitCode(), args + ": " + result);
            // Options checked up front name the option; the rest are refused where the path is built.
            assertTrue(result.err().contains("is not a valid identifier")
                    || result.err().contains("refusing to build a storage path"), result.err());
        }
    }

    @Test
    void foldersWithNamesThatBreakTheRuleDoNotStopStatusVerifyOrGc() throws Exception {
        RegistryFixture fx = new RegistryFixture(tmp);
        fx.publish(popularity("A=1"));
        fx.publish(popularityOf("acme", "home", "B=1"));
        for (String stray : List.of("current/a:b/home/manifest.json", "current/file:/x/manifest.json",
                "history/registry/current/00000001.json", "current/demo/..x/manifest.json")) {
            Path file = fx.registryDir().resolve(stray);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "{}");
        }

        CliResult status = fx.cli("status");
        CliResult verify = fx.cli("verify");
        CliResult gc = fx.cli("gc", "--keep", "1", "--min-age", "0s");

        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("demo/home") && status.out().contains("acme/home"), status.out());
        assertTrue(status.err().contains("current/a:b") && status.err().contains("not a valid tenant"), status.err());
        assertEquals(0, verify.exitCode(), verify.toString());
        assertEquals(0, gc.exitCode(), gc.toString());
        assertFalse(verify.out().contains("a:b"), verify.out());
    }
}
