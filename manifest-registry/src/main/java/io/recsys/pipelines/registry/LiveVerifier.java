package io.recsys.pipelines.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.storage.ObjectStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the live pointer and every blob it names exactly as the service would (contract 8), and
 * checks that each blob still hashes to the version its key and its {@code build.version} name.
 */
public final class LiveVerifier {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Registry registry;
    private final ObjectStore blobs;
    private final long maxArtifactBytes;

    public LiveVerifier(Registry registry, ObjectStore blobs, long maxArtifactBytes) {
        this.registry = registry;
        this.blobs = blobs;
        this.maxArtifactBytes = maxArtifactBytes;
    }

    public VerifyReport verify(String tenant, String surface) {
        List<String> checked = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Optional<byte[]> pointer = registry.pointerBytes(tenant, surface);
        if (pointer.isEmpty()) {
            problems.add("no live manifest at " + registry.layout().pointer(tenant, surface)
                    + ": the service has nothing to read");
            return new VerifyReport(tenant, surface, checked, problems, warnings);
        }
        ServiceReaderChecks.manifestProblems(pointer.get(), tenant, surface).forEach(p -> problems.add("manifest: " + p));
        if (!problems.isEmpty()) {
            return new VerifyReport(tenant, surface, checked, problems, warnings);
        }
        Manifest manifest = RegistryJson.read(pointer.get(), Manifest.class, registry.layout().pointer(tenant, surface));
        manifest.current().forEach((kind, uri) -> {
            checked.add(uri);
            blobProblems(tenant, surface, kind, uri).forEach(p -> problems.add(kind + " " + uri + ": " + p));
        });
        registry.latestEntry(tenant, surface).filter(newest -> !newest.manifest().equals(manifest))
                .ifPresent(newest -> warnings.add("the pointer is not at the newest history entry " + newest.seq()
                        + " (a publish is in progress or was interrupted); the next publish completes the swap"));
        return new VerifyReport(tenant, surface, checked, problems, warnings);
    }

    private List<String> blobProblems(String tenant, String surface, String kind, String uri) {
        List<String> problems = new ArrayList<>();
        if (!uri.startsWith("file://") && !uri.startsWith("s3://")) {
            problems.add("the service reads only file:// and s3:// URIs");
            return problems;
        }
        Optional<byte[]> blob = blobs.read(Location.fromServiceUri(uri));
        if (blob.isEmpty()) {
            problems.add("blob is missing");
            return problems;
        }
        problems.addAll(ServiceReaderChecks.artifactProblems(blob.get(), kind, tenant, surface, maxArtifactBytes));
        String keyVersion = BlobUris.versionOf(uri);
        VersionCheck.problem(keyVersion, blob.get()).ifPresent(problems::add);
        String buildVersion = buildVersion(blob.get());
        if (!keyVersion.equals(buildVersion)) {
            problems.add("build.version is \"" + buildVersion + "\" but the blob key names version " + keyVersion);
        }
        return problems;
    }

    private static String buildVersion(byte[] blob) {
        try {
            return MAPPER.readTree(blob).path("build").path("version").asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
