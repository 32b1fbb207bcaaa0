package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.common.storage.SafePaths;

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
 * deleted. Only objects of the layout's exact shape, {@code <pair folder>/<kind>/<version>.json} with
 * a known kind, are ever considered. Of the rest, only objects older than {@code minAge} go, and
 * never one modified at or after the newest history entry was written: those belong to a publish
 * on its way (its new blobs, or an old blob it re-uses and has refreshed). History entries and
 * rejected markers are never deleted.
 *
 * <p>Against a concurrent publish: on a local registry gc holds the pair's lock, which a publish
 * takes before it checks its blobs and creates its entry, so the two never interleave. On S3 a
 * publish refreshes a re-used blob before it creates its entry and checks it again before its
 * swap; gc re-reads the newest entry and the object's age just before each delete and stops when
 * either changed (see README, "gc and concurrent publishes").
 */
public final class GarbageCollector {
    /**
     * When blobs and registry are on different stores, their clocks may disagree: objects modified
     * up to this long before the newest entry are spared as well.
     */
    static final Duration OTHER_STORE_MARGIN = Duration.ofMinutes(5);

    private final Registry registry;
    private final ObjectStore store;
    private final Location objectStoreRoot;
    private final Supplier<Instant> clock;

    public GarbageCollector(Registry registry, ObjectStore store, Location objectStoreRoot, Supplier<Instant> clock) {
        this.registry = registry;
        this.store = store;
        this.objectStoreRoot = objectStoreRoot;
        this.clock = clock;
    }

    public GcReport collect(String tenant, String surface, int keep, Duration minAge, boolean dryRun) {
        if (keep < 1) {
            throw PipelineException.usage("--keep must be at least 1, got " + keep);
        }
        RegistryLayout layout = registry.layout();
        // Local registries: publishers of this pair wait, so no publish can start using a blob being deleted.
        try (PairLock ignored = PairLock.acquire(layout, tenant, surface)) {
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
            long newestSeq = kept.get(0).seq();
            Location newestEntry = layout.historyEntry(tenant, surface, newestSeq);
            Instant entryWritten = modified(newestEntry).orElse(Instant.EPOCH);
            Set<String> keptVersions = new HashSet<>();
            kept.forEach(e -> e.manifest().current().forEach((kind, uri) -> keptVersions.add(kind + "/" + BlobUris.versionOf(uri))));
            Instant now = clock.get();
            Location blobs = layout.blobFolder(objectStoreRoot, tenant, surface);
            Location records = layout.recordsFolder(tenant, surface);
            List<Candidate> candidates = new ArrayList<>();
            collect("blob", blobs, sparedAfter(blobs, newestEntry, entryWritten), keptVersions, now, minAge, candidates);
            collect("record", records, sparedAfter(records, newestEntry, entryWritten), keptVersions, now, minAge,
                    candidates);
            List<GcReport.Deletion> deletions = new ArrayList<>();
            for (Candidate c : candidates) {
                if (!dryRun) {
                    // S3 has no lock: a publish may have named or refreshed it since the listing.
                    if (registry.latestSeq(tenant, surface) != newestSeq) {
                        return new GcReport(tenant, surface, keptVersions.size(), deletions, false, null,
                                "a publish created a newer history entry while gc ran: stopped after "
                                        + deletions.size() + " deletions; run gc again");
                    }
                    Optional<Instant> modified = modified(c.path());
                    if (modified.isEmpty() || !modified.get().isBefore(c.sparedAfter())) {
                        continue;
                    }
                    store.delete(c.path());
                }
                deletions.add(c.deletion());
            }
            return new GcReport(tenant, surface, keptVersions.size(), deletions, dryRun, null, null);
        }
    }

    private record Candidate(Location path, Instant sparedAfter, GcReport.Deletion deletion) {
    }

    /** Objects modified at or after this instant are a publish's on its way. */
    private static Instant sparedAfter(Location folder, Location newestEntry, Instant entryWritten) {
        boolean sameStore = sameStore(folder, newestEntry);
        return sameStore ? entryWritten : entryWritten.minus(OTHER_STORE_MARGIN);
    }

    private static boolean sameStore(Location a, Location b) {
        return (a.isS3() ? "s3" : a.scheme()).equals(b.isS3() ? "s3" : b.scheme()) && a.authority().equals(b.authority());
    }

    private Optional<Instant> modified(Location object) {
        return store.status(object).map(ObjectStore.Entry::modified);
    }

    /** Only {@code <folder>/<kind>/<version>.json}: whatever else is below the folder is not gc's to judge. */
    private void collect(String what, Location folder, Instant sparedAfter, Set<String> keptVersions, Instant now,
                         Duration minAge, List<Candidate> out) {
        for (ObjectStore.Entry kindFolder : store.list(folder)) {
            String kind = kindFolder.name();
            if (!kindFolder.folder() || !isKind(kind)) {
                continue;
            }
            for (ObjectStore.Entry object : store.list(folder.child(kind))) {
                String name = object.name();
                if (object.folder() || !name.endsWith(".json") || SafePaths.nameProblem(name) != null) {
                    continue;
                }
                String key = kind + "/" + BlobUris.versionOf(name);
                Duration age = Duration.between(object.modified(), now);
                if (!keptVersions.contains(key) && age.compareTo(minAge) >= 0 && object.modified().isBefore(sparedAfter)) {
                    Location path = folder.child(kind, name);
                    out.add(new Candidate(path, sparedAfter, new GcReport.Deletion(what, path.toString(), age.toSeconds())));
                }
            }
        }
    }

    private static boolean isKind(String id) {
        return ArtifactKind.find(id).isPresent();
    }

    private static GcReport skipped(String tenant, String surface, boolean dryRun, String why) {
        return new GcReport(tenant, surface, 0, List.of(), dryRun, why, null);
    }
}
