package io.recsys.pipelines.common.config;

import io.recsys.pipelines.common.storage.Identifiers;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 point 2 and issue 13 point 7: roots the layout cannot keep apart are refused at start,
 * names other roots take under the object store are reserved, and the manifest template decides
 * where pointers go and must agree with storage.registry.
 */
class StorageRootsTest {
    @TempDir
    Path tmp;

    private static final List<String> MINIO = List.of("input.exposures=s3a://b/raw/exposures/{date}.jsonl",
            "input.outcomes=s3a://b/raw/outcomes/{date}.jsonl", "storage.canonical=s3a://b/canonical",
            "storage.aggregates=s3a://b/aggregates", "storage.objectstore=s3a://b/", "storage.registry=s3a://b/registry",
            "storage.reports=s3a://b/reports");

    private static PipelineConfig load(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return ConfigLoader.load(null, all);
    }

    private List<String> local() {
        return List.of("storage.canonical=" + tmp.resolve("canonical"), "storage.aggregates=" + tmp.resolve("aggregates"),
                "storage.objectstore=" + tmp.resolve("objectstore"), "storage.registry=" + tmp.resolve("registry"),
                "storage.reports=" + tmp.resolve("reports"));
    }

    @Test
    void theMinioLayoutReservesTheFoldersNextToTheBlobs() {
        Identifiers ids = load(MINIO).identifiers();
        assertTrue(ids.reserved().containsAll(Set.of("raw", "canonical", "aggregates", "registry", "reports")), ids.toString());
        assertTrue(ids.isValid("demo"));
        assertEquals(512, ids.maxIdBytes());
        assertEquals(100, load(MINIO, "limits.max_id_bytes=100").identifiers().maxIdBytes());
    }

    @Test
    void aLocalLayoutOfSiblingFoldersReservesOnlyTheLayoutsOwnNames() {
        assertEquals(Identifiers.DEFAULT.reserved(), load(local()).identifiers().reserved());
    }

    @Test
    void defaultPointersAreTheRegistrysCurrentFolder() {
        assertEquals("s3://b/registry/current/{tenant}/{surface}/manifest.json",
                load(MINIO).storageRoots().pointerTemplate().toString());
        assertEquals(Location.parse("s3a://b/registry/current/demo/home/manifest.json"),
                load(MINIO).storageRoots().pointerTemplate().locate(Identifiers.DEFAULT, "demo", "home"));
    }

    @Test
    void aTemplateThatNamesTheRegistryAgrees() {
        PipelineConfig config = load(MINIO, "storage.manifest_template=s3://b/registry/current/{tenant}/{surface}/manifest.json");
        assertEquals(Location.parse("s3a://b/registry/current/acme/pdp/manifest.json"),
                config.storageRoots().pointerTemplate().locate(config.identifiers(), "acme", "pdp"));
    }

    @Test
    void aTemplateOfAnotherRegistryIsRefusedNamingBoth() {
        PipelineException e = assertThrows(PipelineException.class, () -> load(MINIO,
                "storage.manifest_template=s3://other/registry/current/{tenant}/{surface}/manifest.json"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("s3://other/registry/current/{tenant}/{surface}/manifest.json")
                && e.getMessage().contains("s3://b/registry"), e.getMessage());
        assertThrows(PipelineException.class, () -> load(MINIO,
                "storage.manifest_template=s3://b/registry2/current/{tenant}/{surface}/manifest.json"));
        assertThrows(PipelineException.class, () -> load(MINIO,
                "storage.manifest_template=s3://other/pointers/{tenant}/{surface}.json"), "another shape, another bucket");
    }

    @Test
    void aTemplateOfAnotherShapeOnTheRegistrysStoreWorksAndReservesItsFolder() {
        PipelineConfig config = load(MINIO, "storage.manifest_template=s3://b/pointers/{tenant}/{surface}.json");
        assertEquals(Location.parse("s3a://b/pointers/acme/home.json"),
                config.storageRoots().pointerTemplate().locate(config.identifiers(), "acme", "home"));
        assertTrue(!config.identifiers().isValid("pointers"), "the pointers' folder sits next to the tenants' folders");
    }

    @Test
    void malformedTemplatesAreUsageErrors() {
        for (String t : List.of("registry/current/{tenant}/{surface}/manifest.json", "s3://b/{tenant}{surface}.json",
                "s3://b/{tenant}/manifest.json", "s3://b/x/{tenant}/{tenant}/{surface}.json", "file://relative/{tenant}/{surface}",
                "s3://b/../{tenant}/{surface}/m.json", "s3://{tenant}/x/{surface}/m.json", "http://b/{tenant}/{surface}")) {
            PipelineException e = assertThrows(PipelineException.class, () -> load(MINIO, "storage.manifest_template=" + t), t);
            assertEquals(ExitCode.USAGE, e.exitCode(), t);
        }
    }

    @Test
    void rootsTheLayoutCannotKeepApartAreRefusedAtStart() {
        List<List<String>> bad = List.of(
                List.of("storage.registry=s3a://b/"),                                   // registry == objectstore
                List.of("storage.reports=s3a://b/canonical"),                           // reports == canonical
                List.of("storage.objectstore=s3a://b/canonical/blobs"),                 // inside a Spark table
                List.of("storage.reports=s3a://b/aggregates/reports"),                  // inside a Spark table
                List.of("storage.objectstore=s3a://b/registry/history"),                // inside the registry's folders
                List.of("storage.reports=s3a://b/registry/current/x"),
                List.of("storage.manifest_template=s3://b/{tenant}/{surface}/manifest.json"),     // pointers among blobs
                List.of("storage.manifest_template=s3://b/registry/history/{tenant}/{surface}.json"));
        for (List<String> overrides : bad) {
            PipelineException e = assertThrows(PipelineException.class,
                    () -> load(MINIO, overrides.toArray(String[]::new)), overrides.toString());
            assertEquals(ExitCode.USAGE, e.exitCode(), overrides.toString());
        }
    }

    @Test
    void rootsInsideTheObjectStoreOrTheRegistryUnderTheirOwnNamesAreFine() {
        load(MINIO, "storage.objectstore=s3a://b/registry/blobs");
        load(MINIO, "storage.reports=s3a://b/registry/reports");
    }
}
