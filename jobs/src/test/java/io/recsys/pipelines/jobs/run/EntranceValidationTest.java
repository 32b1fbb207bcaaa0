package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.jobs.testing.Captured;
import io.recsys.pipelines.jobs.cli.Main;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 points 1-2 at the command line: --tenant/--surface of run and db-signals, the catalog
 * import's tenant and namespaces, and storage roots the layout cannot keep apart are usage errors
 * (exit 2) before Spark, the database or any storage is touched.
 */
class EntranceValidationTest {
    @TempDir
    Path tmp;

    private String run(String... extra) {
        Workspace ws = new Workspace(tmp);
        Path input = ws.input("day.jsonl", RunFailuresTest.GOOD);
        List<String> args = new ArrayList<>(List.of("run", "--date", "2026-01-01"));
        args.addAll(ws.storageArgs());
        args.addAll(List.of("--set", "input.exposures=" + input, "--set", "input.outcomes="));
        args.addAll(List.of(extra));
        return Captured.err(() -> assertEquals(2, Main.execute(args.toArray(String[]::new))));
    }

    @Test
    void badTenantOrSurfaceOptionsOfRunAreUsageErrors() {
        for (String bad : List.of("../x", "file:", "a:b", "registry", "x".repeat(65), "__HIVE_DEFAULT_PARTITION__")) {
            String err = run("--tenant", bad);
            assertTrue(err.contains("--tenant '") && err.contains("is not a valid identifier"), err);
        }
        assertTrue(run("--tenant", "demo", "--surface", "current").contains("--surface 'current'"));
        assertFalse(Files.exists(tmp.resolve("canonical")), "nothing ran");
    }

    @Test
    void aNameAnotherRootTakesUnderTheObjectStoreIsReserved() {
        String err = run("--tenant", "canonical", "--set", "storage.objectstore=" + tmp,
                "--set", "storage.canonical=" + tmp.resolve("canonical"));
        assertTrue(err.contains("'canonical' is reserved"), err);
    }

    @Test
    void dbSignalsChecksItsScopeBeforeTheDatabase() {
        String err = Captured.err(() -> assertEquals(2, Main.execute("db-signals", "--date", "2026-01-01",
                "--tenant", "a/b", "--set", "db.url=jdbc:postgresql://127.0.0.1:1/none")));
        assertTrue(err.contains("--tenant 'a/b' is not a valid identifier"), err);
    }

    @Test
    void catalogImportChecksTenantAndNamespacesBeforeTheDatabase() throws Exception {
        Path csv = tmp.resolve("catalog.csv");
        Files.writeString(csv, "item_id,namespace,tags\nsku-1,home,a\n");
        String err = Captured.err(() -> assertEquals(2, Main.execute("catalog", "import", "--input",
                csv.toString(), "--tenant", "file:", "--set", "db.url=jdbc:postgresql://127.0.0.1:1/none")));
        assertTrue(err.contains("--tenant 'file:' is not a valid identifier"), err);

        Files.writeString(csv, "item_id,namespace,tags\nsku-1,home,a\nsku-2,../x,b\n");
        err = Captured.err(() -> assertEquals(2, Main.execute("catalog", "import", "--input",
                csv.toString(), "--tenant", "demo", "--set", "db.url=jdbc:postgresql://127.0.0.1:1/none")));
        assertTrue(err.contains("namespace(s) that are not valid surface names") && err.contains("'../x'"), err);
    }

    @Test
    void storageRootsTheLayoutCannotKeepApartStopTheRunAtStart() {
        String err = run("--set", "storage.registry=" + tmp.resolve("objectstore"));
        assertTrue(err.contains("storage.objectstore and storage.registry are the same location"), err);
        err = run("--set", "storage.objectstore=" + tmp.resolve("canonical/blobs"));
        assertTrue(err.contains("lies inside storage.canonical"), err);
    }

    @Test
    void aManifestTemplateThatDisagreesWithTheRegistryStopsTheRunNamingBoth() {
        String template = "file://" + tmp.resolve("other") + "/current/{tenant}/{surface}/manifest.json";
        String err = run("--set", "storage.manifest_template=" + template);
        assertTrue(err.contains(template) && err.contains(tmp.resolve("registry").toString()), err);
    }
}
