package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.storage.ObjectStore;
import org.apache.hadoop.fs.Path;

import java.util.List;
import java.util.Optional;

/**
 * The rejected-version markers of a registry. A rollback writes them before it creates its
 * history entry, so no publisher can see the rollback live without also seeing them. They are
 * never removed: a rollback that then loses its entry to a concurrent publisher leaves its versions
 * rejected, which fails closed (the operator wanted them gone; {@code --force} publishes them).
 */
final class RejectedVersions {
    private final ObjectStore store;
    private final RegistryLayout layout;

    RejectedVersions(ObjectStore store, RegistryLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    Optional<RejectedVersion> find(String tenant, String surface, String kind, String version) {
        Path path = layout.rejected(tenant, surface, kind, version);
        return store.read(path).map(bytes -> RegistryJson.read(bytes, RejectedVersion.class, path));
    }

    /** A marker that already exists keeps its first rollback and reason. */
    void mark(String tenant, String surface, List<RejectedVersion> versions) {
        for (RejectedVersion v : versions) {
            store.createIfAbsent(layout.rejected(tenant, surface, v.kind(), v.version()), RegistryJson.prettyBytes(v));
        }
    }
}
