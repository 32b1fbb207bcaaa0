package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.common.storage.Location;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rejected-version markers of a registry. A rollback writes them before it creates its
 * history entry, so no publisher can see the rollback live without also seeing them. A rollback
 * that then loses its entry to a concurrent publisher leaves its versions rejected, which fails
 * closed (the operator wanted them gone; {@code --force} publishes them).
 *
 * <p>A marker is lifted only with a record of it ({@link ClearedRejection}, create-only, written
 * first): by `manifest rejected clear`, or when a forced publish or rollback makes its version live,
 * because the live version never carries a rejected mark.
 */
final class RejectedVersions {
    private final ObjectStore store;
    private final RegistryLayout layout;

    RejectedVersions(ObjectStore store, RegistryLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    Optional<RejectedVersion> find(String tenant, String surface, String kind, String version) {
        Location path = layout.rejected(tenant, surface, kind, version);
        return store.read(path).map(bytes -> RegistryJson.read(bytes, RejectedVersion.class, path));
    }

    /** A marker that already exists keeps its first rollback and reason. */
    void mark(String tenant, String surface, List<RejectedVersion> versions) {
        for (RejectedVersion v : versions) {
            store.create(layout.rejected(tenant, surface, v.kind(), v.version()), RegistryJson.prettyBytes(v));
        }
    }

    /** Every marker of the pair, by kind then rejecting entry. */
    List<RejectedVersion> all(String tenant, String surface) {
        List<RejectedVersion> markers = new ArrayList<>();
        Location folder = layout.rejectedFolder(tenant, surface);
        for (String kind : store.listNames(folder)) {
            for (String name : store.listNames(folder.child(kind))) {
                if (name.endsWith(".json")) {
                    find(tenant, surface, kind, name.substring(0, name.length() - ".json".length())).ifPresent(markers::add);
                }
            }
        }
        markers.sort(Comparator.comparing(RejectedVersion::kind).thenComparing(RejectedVersion::rollbackSeq));
        return markers;
    }

    /** Every lifted marker of the pair, oldest first. */
    List<ClearedRejection> cleared(String tenant, String surface) {
        List<ClearedRejection> records = new ArrayList<>();
        Location folder = layout.clearedRejectionsFolder(tenant, surface);
        for (String kind : store.listNames(folder)) {
            for (String name : store.listNames(folder.child(kind))) {
                Location path = folder.child(kind, name);
                store.read(path).ifPresent(bytes -> records.add(RegistryJson.read(bytes, ClearedRejection.class, path)));
            }
        }
        records.sort(Comparator.comparing(ClearedRejection::clearedAt).thenComparing(ClearedRejection::kind));
        return records;
    }

    /**
     * Lifts {@code marker}: its record first, then the marker, and only if it is still the same
     * marker (a rollback may have rejected the version again meanwhile; that newer marker stays).
     */
    void clear(String tenant, String surface, ClearedRejection record) {
        RejectedVersion marker = record.rejection();
        store.create(layout.clearedRejection(tenant, surface, marker.kind(), marker.version(), marker.rollbackSeq()),
                RegistryJson.prettyBytes(record));
        Optional<RejectedVersion> current = find(tenant, surface, marker.kind(), marker.version());
        if (current.isPresent() && current.get().rollbackSeq() == marker.rollbackSeq()) {
            store.delete(layout.rejected(tenant, surface, marker.kind(), marker.version()));
        }
    }
}
