package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.storage.ObjectStore;

import java.util.Optional;

/**
 * The live artifact of one kind: {@code uri} is null when nothing of that kind is live, and
 * {@code blob} is null when the live blob is gone.
 */
record LiveArtifact(String uri, byte[] blob) {

    static LiveArtifact read(Optional<HistoryEntry> live, String kind, ObjectStore store) {
        String uri = live.map(e -> e.manifest().current().get(kind)).orElse(null);
        if (uri == null) {
            return new LiveArtifact(null, null);
        }
        return new LiveArtifact(uri, store.read(Location.fromServiceUri(uri)).orElse(null));
    }

    boolean exists() {
        return uri != null;
    }

    String version() {
        return uri == null ? null : BlobUris.versionOf(uri);
    }
}
