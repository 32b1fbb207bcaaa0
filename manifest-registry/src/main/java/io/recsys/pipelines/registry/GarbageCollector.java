package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.ObjectStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Deletes the blobs and records of one (tenant, surface) that no rollback can need any more.
 *
 * <p>Kept, whatever their age: every version named by the live pointer or by the manifests of the
 * newest {@code keep} history entries (a rollback restores a whole manifest). Versions are matched
 * by kind and version, never by URI text, so a differently spelled URI cannot get a live blob
 * deleted. Of the rest, only objects older than {@code minAge} go, which protects the blobs of a
 * publish still on its way. History entries and rejected markers are never deleted.
 */
public final class GarbageCollector {
    private final Registry registry;
    private final ObjectStore store;
    private final Path objectStoreRoot;
    private final Configuration hadoopConf;
    private final Supplier<Instant> clock;

    public GarbageCollector(Registry registry, ObjectStore store, Path objectStoreRoot, Configuration hadoopConf,
                            Supplier<Instant> clock) {
        this.registry = registry;
        this.store = store;
        this.objectStoreRoot = objectStoreRoot;
        this.hadoopConf = hadoopConf;
        this.clock = clock;
    }

    public GcReport collect(String tenant, String surface, int keep, Duration minAge, boolean dryRun) {
        if (keep < 1) {
            throw PipelineException.usage("--keep must be at least 1, got " + keep);
        }
        // Local registries: publishers of this pair wait, so no publish can start using a blob being deleted.
        try (PairLock ignored = PairLock.acquire(registry.layout(), tenant, surface)) {
            List<HistoryEntry> kept = registry.history(tenant, surface, keep);
            if (kept.isEmpty()) {
                return skipped(tenant, surface, dryRun, "the registry has no history for it, so nothing is known to be unused");
            }
            Optional<Manifest> pointer = registry.pointer(tenant, surface);
            if (pointer.isEmpty() || !pointer.get().equals(kept.get(0).manifest())) {
                return skipped(tenant, surface, dryRun, "the pointer is not at the newest history entry "
                        + kept.get(0).seq() + " (a publish is in progress or its outcome is unknown); nothing is deleted "
                        + "until a publish completes it");
            }
            Set<String> keptVersions = new HashSet<>();
            kept.forEach(e -> e.manifest().current().forEach((kind, uri) -> keptVersions.add(kind + "/" + BlobUris.versionOf(uri))));
            Instant now = clock.get();
            List<GcReport.Deletion> deletions = new ArrayList<>();
            collect("blob", new Path(objectStoreRoot, tenant + "/" + surface), keptVersions, now, minAge, deletions);
            collect("record", registry.layout().recordsFolder(tenant, surface), keptVersions, now, minAge, deletions);
            if (!dryRun) {
                deletions.forEach(d -> store.delete(new Path(d.location())));
            }
            return new GcReport(tenant, surface, keptVersions.size(), deletions, dryRun, null);
        }
    }

    /** Objects are {@code <folder>/<kind>/<version>.json}, for blobs and records alike. */
    private void collect(String what, Path folder, Set<String> keptVersions, Instant now, Duration minAge,
                         List<GcReport.Deletion> deletions) {
        for (StoredObjects.StoredObject object : StoredObjects.list(folder, hadoopConf)) {
            String key = object.path().getParent().getName() + "/" + BlobUris.versionOf(object.path().getName());
            Duration age = Duration.between(object.modified(), now);
            if (!keptVersions.contains(key) && age.compareTo(minAge) >= 0) {
                deletions.add(new GcReport.Deletion(what, object.path().toString(), age.toSeconds()));
            }
        }
    }

    private static GcReport skipped(String tenant, String surface, boolean dryRun, String why) {
        return new GcReport(tenant, surface, 0, List.of(), dryRun, why);
    }
}
