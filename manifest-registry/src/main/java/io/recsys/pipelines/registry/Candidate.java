package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.artifact.ArtifactEncoder;
import io.recsys.pipelines.common.artifact.ArtifactHeader;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.storage.Location;

import java.time.Instant;

/** An artifact about to be published: its version, its write-once blob key and the bytes to write there. */
record Candidate(ArtifactHeader header, String version, Location blobPath, byte[] bytes, int items, Instant builtAt) {

    static Candidate of(Artifact artifact, RegistryLayout layout, Location objectStoreRoot, String tenant, String surface,
                        Instant builtAt) {
        ArtifactHeader header = artifact.header();
        String version = ArtifactEncoder.version(artifact);
        Location blobPath = layout.blob(objectStoreRoot, tenant, surface, header.kind().id(), version);
        return new Candidate(header, version, blobPath, ArtifactEncoder.encodeForPublish(artifact, builtAt, version),
                artifact.payload().itemCount(), builtAt);
    }

    ArtifactKind kind() {
        return header.kind();
    }

    String uri() {
        return blobPath.serviceUri();
    }

    ArtifactRef ref(long storedBytes, String runId) {
        return new ArtifactRef(kind().id(), version, uri(), header.segment(), header.window().start().toString(),
                header.window().end().toString(), items, storedBytes, builtAt.toString(), runId);
    }
}
