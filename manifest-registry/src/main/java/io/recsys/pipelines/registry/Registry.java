package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.common.storage.SafePaths;
import io.recsys.pipelines.common.storage.Location;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The driver-side registry of one storage root: append-only records, numbered history entries and
 * the current pointer per (tenant, surface).
 *
 * <p>The newest history entry is the truth; the pointer is the copy the service reads. A publish
 * or a rollback creates entry N+1 create-only (one writer wins it), then swaps the pointer last. If
 * a process dies between the two, the next publish or rollback finds the pointer behind the newest
 * entry and completes the swap before doing anything else.
 */
public final class Registry {
    private final ObjectStore store;
    private final RegistryLayout layout;
    private final Supplier<Instant> clock;
    private final RejectedVersions rejected;
    private final EntryCommitter committer;
    private final CacheInvalidator invalidator;
    private PublishHook hook = PublishHook.NONE;

    public Registry(ObjectStore store, Location root) {
        this(store, root, Instant::now);
    }

    public Registry(ObjectStore store, Location root, Supplier<Instant> clock) {
        this(store, root, clock, CacheInvalidator.NONE);
    }

    public Registry(ObjectStore store, Location root, Supplier<Instant> clock, CacheInvalidator invalidator) {
        this(store, new RegistryLayout(root), clock, invalidator);
    }

    public Registry(ObjectStore store, RegistryLayout layout, Supplier<Instant> clock, CacheInvalidator invalidator) {
        this.store = store;
        this.layout = layout;
        this.clock = clock;
        this.invalidator = invalidator;
        this.rejected = new RejectedVersions(store, layout);
        this.committer = new EntryCommitter(this, store);
    }

    public RegistryLayout layout() {
        return layout;
    }

    PublishHook hook() {
        return hook;
    }

    /** Tests stop a publish at a step the way a crash would. */
    void setHook(PublishHook hook) {
        this.hook = hook;
    }

    public Optional<Manifest> pointer(String tenant, String surface) {
        return pointerBytes(tenant, surface).map(bytes -> RegistryJson.read(bytes, Manifest.class,
                layout.pointer(tenant, surface)));
    }

    /** The pointer exactly as the service reads it. */
    public Optional<byte[]> pointerBytes(String tenant, String surface) {
        return store.read(layout.pointer(tenant, surface));
    }

    public Optional<HistoryEntry> latestEntry(String tenant, String surface) {
        long seq = latestSeq(tenant, surface);
        return seq == 0 ? Optional.empty() : Optional.of(entry(tenant, surface, seq));
    }

    public HistoryEntry entry(String tenant, String surface, long seq) {
        Location path = layout.historyEntry(tenant, surface, seq);
        byte[] bytes = store.read(path).orElseThrow(() -> PipelineException.usage(
                "no history entry " + seq + " for " + tenant + "/" + surface + " (" + path + ")"));
        return RegistryJson.read(bytes, HistoryEntry.class, path);
    }

    /** Entries newest first, at most {@code limit}. */
    public List<HistoryEntry> history(String tenant, String surface, int limit) {
        List<Long> seqs = seqs(tenant, surface);
        Collections.reverse(seqs);
        List<HistoryEntry> entries = new ArrayList<>();
        for (Long seq : seqs.subList(0, Math.min(limit, seqs.size()))) {
            entries.add(entry(tenant, surface, seq));
        }
        return entries;
    }

    public long latestSeq(String tenant, String surface) {
        List<Long> seqs = seqs(tenant, surface);
        return seqs.isEmpty() ? 0 : seqs.get(seqs.size() - 1);
    }

    private List<Long> seqs(String tenant, String surface) {
        List<Long> seqs = new ArrayList<>();
        for (String name : store.listNames(layout.historyFolder(tenant, surface))) {
            long seq = RegistryLayout.seqOf(name);
            if (seq > 0) {
                seqs.add(seq);
            }
        }
        Collections.sort(seqs);
        return seqs;
    }

    /**
     * Every (tenant, surface) with a history (or a pointer, where pointers are in the registry's own
     * current/ folder), sorted. Folders whose names break the identifier rule (left by an older
     * version, or by hand) are not pairs: they are skipped, and {@link #strayNames} lists them.
     */
    public List<TenantSurface> pairs() {
        TreeSet<TenantSurface> pairs = new TreeSet<>();
        for (Location folder : pairFolders()) {
            for (String tenant : store.listNames(folder)) {
                if (layout.identifiers().isValid(tenant)) {
                    for (String surface : store.listNames(SafePaths.child(folder, tenant))) {
                        if (layout.identifiers().isValid(surface)) {
                            pairs.add(new TenantSurface(tenant, surface));
                        }
                    }
                }
            }
        }
        return new ArrayList<>(pairs);
    }

    /** Names under current/ and history/ that are not valid tenants or surfaces, as folder/name, for warnings. */
    public List<String> strayNames() {
        List<String> stray = new ArrayList<>();
        for (Location folder : pairFolders()) {
            for (String tenant : store.listNames(folder)) {
                if (!layout.identifiers().isValid(tenant)) {
                    stray.add(folder.name() + "/" + tenant);
                    continue;
                }
                for (String surface : store.listNames(SafePaths.child(folder, tenant))) {
                    if (!layout.identifiers().isValid(surface)) {
                        stray.add(folder.name() + "/" + tenant + "/" + surface);
                    }
                }
            }
        }
        return stray;
    }

    private List<Location> pairFolders() {
        return layout.standardPointers() ? List.of(layout.currentFolder(), layout.historyRoot())
                : List.of(layout.historyRoot());
    }

    /** Records are append-only: an existing record of the same version is kept as it is. */
    public void record(String tenant, String surface, ArtifactRef ref) {
        Location path = layout.record(tenant, surface, ref.kind(), ref.version());
        store.create(path, RegistryJson.prettyBytes(ref));
    }

    public Optional<ArtifactRef> readRecord(String tenant, String surface, String kind, String version) {
        Location path = layout.record(tenant, surface, kind, version);
        return store.read(path).map(bytes -> RegistryJson.read(bytes, ArtifactRef.class, path));
    }

    /** Whether a rollback rolled away from this version (publishing it again needs force). */
    public Optional<RejectedVersion> rejection(String tenant, String surface, String kind, String version) {
        return rejected.find(tenant, surface, kind, version);
    }

    /** The pair's rejected-version markers, by kind. */
    public List<RejectedVersion> rejections(String tenant, String surface) {
        return rejected.all(tenant, surface);
    }

    /** The pair's lifted markers, oldest first: who lifted which rejection, when, why and how. */
    public List<ClearedRejection> clearedRejections(String tenant, String surface) {
        return rejected.cleared(tenant, surface);
    }

    /**
     * Lifts the rejection of one version ({@code manifest rejected clear}), recorded with who and why:
     * a later publish or rollback may then make it live without force.
     */
    public ClearedRejection clearRejection(String tenant, String surface, String kind, String version, String who,
                                           String reason) {
        try (PairLock ignored = PairLock.acquire(layout, tenant, surface)) {
            RejectedVersion marker = rejection(tenant, surface, kind, version).orElseThrow(() -> PipelineException.usage(
                    "no rejected marker for " + kind + " " + version + " of " + tenant + "/" + surface
                            + "; `manifest rejected list` shows the markers"));
            ClearedRejection record = new ClearedRejection(kind, version, marker, now(), who, reason,
                    ClearedRejection.CLEAR, null);
            rejected.clear(tenant, surface, record);
            return record;
        }
    }

    /**
     * Makes the request's artifacts live. Kinds not in the request keep their pointer. Equal to
     * what is live: nothing is written. Throws {@link ExitCode#GATE_REFUSED} when a version a
     * rollback rejected would go live again without force, and {@link ExitCode#CONFLICT} when
     * another publisher created the same entry number first.
     */
    /**
     * Refuses (exit 2), before anything is written, to change pointers on a store that cannot replace
     * them atomically (HDFS, gs://): the service could read a half-written manifest, and without
     * conditional writes or the local lock two publishers could interleave. Reading such a registry is
     * fine.
     */
    public void requireAtomicPointers() {
        Location pointers = layout.pointerTemplate().base();
        if (!store.atomicReplace(pointers)) {
            throw PipelineException.usage("refusing to change pointers under " + pointers.serviceUri() + ": the "
                    + pointers.scheme() + ":// store cannot replace a file atomically, so the service could read a "
                    + "half-written manifest. Keep storage.registry (and storage.manifest_template) on s3a:// or a "
                    + "local folder; blobs may stay where they are");
        }
    }

    public PublishOutcome publish(PublishRequest request) {
        return publish(request, BlobGuard.NONE);
    }

    /**
     * {@link #publish(PublishRequest)} with the blobs the entry will name kept in place: {@code blobs}
     * is called once the pair is locked and before the entry is created (re-write a blob gc took,
     * refresh a re-used one), and again after the entry exists, before the pointer swap.
     */
    public PublishOutcome publish(PublishRequest request, BlobGuard blobs) {
        String tenant = request.tenant();
        String surface = request.surface();
        requireAtomicPointers();
        EntryCommitter.Committed committed;
        try (PairLock ignored = PairLock.acquire(layout, tenant, surface)) {
            Optional<HistoryEntry> latest = latestEntry(tenant, surface);
            latest.ifPresent(committer::completeSwap);
            Map<String, String> live = latest.<Map<String, String>>map(e -> e.manifest().current()).orElse(Map.of());
            TreeMap<String, String> wanted = new TreeMap<>(live);
            request.artifacts().forEach((kind, ref) -> wanted.put(kind, ref.uri()));
            if (latest.isPresent() && wanted.equals(live)) {
                return PublishOutcome.unchanged(latest.get());
            }
            if (!request.forced()) {
                refuseRejected(request, live);
            }
            blobs.beforeEntry(live);
            String now = now();
            HistoryEntry entry = new HistoryEntry(nextSeq(latest), HistoryEntry.PUBLISH,
                    latest.map(HistoryEntry::seq).orElse(null), null, now, request.runId(), request.who(),
                    request.reason(), request.forced(), null, new Manifest(tenant, surface, wanted, now),
                    request.artifacts(), request.validation(), request.lineage());
            committed = committer.commit(entry, live, blobs);
            committed = new EntryCommitter.Committed(liftLiveRejections(entry, committed.outcome()),
                    committed.changedKinds());
        }
        return told(committed);
    }

    /**
     * The service is told after the pair's lock is released: a slow or hanging service never holds
     * up the next publisher or gc of the pair (the call has its own deadline as well).
     */
    private PublishOutcome told(EntryCommitter.Committed committed) {
        PublishOutcome outcome = committed.outcome();
        Optional<String> warning = invalidator.invalidate(outcome.manifest().tenant(), outcome.manifest().surface(),
                committed.changedKinds());
        if (warning.isEmpty()) {
            return outcome;
        }
        List<String> warnings = new ArrayList<>(outcome.warnings());
        warnings.add(warning.get());
        return new PublishOutcome(outcome.status(), outcome.seq(), outcome.manifest(), warnings);
    }

    private void refuseRejected(PublishRequest request, Map<String, String> live) {
        request.artifacts().forEach((kind, ref) -> {
            if (!ref.uri().equals(live.get(kind))) {
                rejection(request.tenant(), request.surface(), kind, ref.version()).ifPresent(r -> {
                    throw new PipelineException(ExitCode.GATE_REFUSED, "refusing to publish " + request.tenant() + "/"
                            + request.surface() + ": " + r.describe() + ". Pass --force to publish it anyway "
                            + "(recorded in the history entry). Nothing was published.");
                });
            }
        });
    }

    /**
     * Restores the manifest of an earlier entry as a new entry (history is never rewritten) and marks
     * the versions rolled away from as rejected. Refused before any change when a blob of the target
     * is gone; {@code blobs} is the store that reads the manifest's URIs. The target's blobs are under
     * the publish's fence ({@link RestoredBlobs}), so a gc racing the rollback cannot delete them. A target whose manifest is
     * already live changes nothing ({@link PublishOutcome.Status#UNCHANGED}).
     */
    public PublishOutcome rollback(RollbackRequest request, ObjectStore blobs) {
        String tenant = request.tenant();
        String surface = request.surface();
        requireAtomicPointers();
        EntryCommitter.Committed committed;
        try (PairLock ignored = PairLock.acquire(layout, tenant, surface)) {
            HistoryEntry latest = latestEntry(tenant, surface).orElseThrow(() -> PipelineException.usage(
                    "nothing to roll back: " + tenant + "/" + surface + " has no history under " + layout.root()));
            committer.completeSwap(latest);
            HistoryEntry target = entry(tenant, surface, request.targetSeq(latest.seq()));
            if (target.manifest().current().equals(latest.manifest().current())) {
                // Re-running a rollback that an interrupted process already made: nothing left to do.
                return PublishOutcome.unchanged(latest);
            }
            RollbackPlan plan = RollbackPlan.of(latest, target, blobs);
            BlobGuard restored = new RestoredBlobs(blobs, tenant + "/" + surface, target.manifest().current());
            restored.beforeEntry(latest.manifest().current());
            Map<String, Object> validation = restoredRejections(request, latest, target);
            String now = now();
            long seq = latest.seq() + 1;
            // Markers first: whoever sees the rollback entry also sees what it rejected.
            rejected.mark(tenant, surface, plan.rejections(seq, now, request));
            HistoryEntry entry = new HistoryEntry(seq, HistoryEntry.ROLLBACK, latest.seq(), target.seq(), now,
                    request.runId(), request.who(), request.reason(), request.force(), plan.rolledAway(),
                    new Manifest(tenant, surface, target.manifest().current(), now),
                    plan.artifacts(this, tenant, surface), validation, null);
            committed = committer.commit(entry, latest.manifest().current(), restored);
            committed = new EntryCommitter.Committed(liftLiveRejections(entry, committed.outcome()),
                    committed.changedKinds());
        }
        return told(committed);
    }

    /**
     * A rollback is held to the publish rule: restoring a version that a rollback rejected needs
     * force, and the forced restore is recorded as a publish's forced gate is (kind to
     * {@code rejected_version: "forced: ..."}). Null when the target restores nothing rejected.
     */
    private Map<String, Object> restoredRejections(RollbackRequest request, HistoryEntry live, HistoryEntry target) {
        Map<String, Object> validation = new TreeMap<>();
        List<String> refusals = new ArrayList<>();
        target.manifest().current().forEach((kind, uri) -> {
            if (!uri.equals(live.manifest().current().get(kind))) {
                rejection(request.tenant(), request.surface(), kind, BlobUris.versionOf(uri)).ifPresent(r -> {
                    validation.put(kind, Map.of("rejected_version", "forced: " + r.describe()));
                    refusals.add(r.describe());
                });
            }
        });
        if (!refusals.isEmpty() && !request.force()) {
            throw new PipelineException(ExitCode.GATE_REFUSED, "refusing to roll " + request.tenant() + "/"
                    + request.surface() + " back to entry " + target.seq() + ": " + String.join("; ", refusals)
                    + ". Pass --force to restore it anyway (recorded in the history entry); `manifest history` shows "
                    + "the entries, `manifest rejected list` the rejected versions. Nothing was changed.");
        }
        return validation.isEmpty() ? null : validation;
    }

    /**
     * The live version never carries a rejected mark: after a (forced) publish or rollback made a
     * rejected version live, its marker is lifted, recorded as done by that entry. A failure here
     * leaves the change live and says how to finish by hand.
     */
    private PublishOutcome liftLiveRejections(HistoryEntry entry, PublishOutcome outcome) {
        String tenant = entry.manifest().tenant();
        String surface = entry.manifest().surface();
        List<String> warnings = new ArrayList<>(outcome.warnings());
        entry.manifest().current().forEach((kind, uri) -> {
            String version = BlobUris.versionOf(uri);
            try {
                rejection(tenant, surface, kind, version).ifPresent(marker -> rejected.clear(tenant, surface,
                        new ClearedRejection(kind, version, marker, entry.createdAt(), entry.who(), entry.reason(),
                                entry.action(), entry.seq())));
            } catch (PipelineException e) {
                warnings.add("entry " + entry.seq() + " is live, but the rejected mark of its " + kind + " " + version
                        + " could not be lifted (" + e.getMessage() + "): `manifest rejected clear --kind " + kind
                        + " --version " + version + "` lifts it");
            }
        });
        return warnings.size() == outcome.warnings().size() ? outcome
                : new PublishOutcome(outcome.status(), outcome.seq(), outcome.manifest(), warnings);
    }

    private static long nextSeq(Optional<HistoryEntry> latest) {
        return latest.map(HistoryEntry::seq).orElse(0L) + 1;
    }

    private String now() {
        return clock.get().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
