package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.common.storage.Location;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one way the pointer changes, for publish and rollback alike: create history entry N
 * create-only (the serialization point: one writer wins N on any store), then swap the pointer
 * and follow any newer entry until the pointer equals the newest one. Store-agnostic: it needs
 * only create-only and atomic replace, which {@link Registry#requireAtomicPointers} checks before a
 * publish or rollback begins.
 */
final class EntryCommitter {
    /** One retry settles most unknown outcomes; more would only hide a failing store. */
    private static final int CREATE_ATTEMPTS = 2;

    private final Registry registry;
    private final ObjectStore store;
    private final RegistryLayout layout;

    EntryCommitter(Registry registry, ObjectStore store) {
        this.registry = registry;
        this.store = store;
        this.layout = registry.layout();
    }

    /** A live entry, and the kinds whose artifact changed (what the service is told after the lock is released). */
    record Committed(PublishOutcome outcome, Set<String> changedKinds) {
    }

    /**
     * Makes {@code entry} live; {@code previous} is the manifest it replaces. {@code blobs} is checked
     * again once the entry exists: a gc that listed the blobs before they were refreshed has either
     * deleted them by now (they are written again) or sees the new entry.
     */
    Committed commit(HistoryEntry entry, Map<String, String> previous, BlobGuard blobs) {
        String tenant = entry.manifest().tenant();
        String surface = entry.manifest().surface();
        registry.hook().reached(PublishHook.Step.BEFORE_HISTORY_ENTRY);
        create(entry);
        registry.hook().reached(PublishHook.Step.AFTER_HISTORY_ENTRY);
        try {
            blobs.beforeSwap();
            registry.hook().reached(PublishHook.Step.BEFORE_SWAP);
            swapTo(entry);
        } catch (PipelineException e) {
            throw new PipelineException(e.exitCode(), "history entry " + entry.seq() + " of " + tenant + "/" + surface
                    + " was created but the pointer swap failed: " + e.getMessage() + ". The pointer may still name "
                    + "the previous manifest; re-run (this " + entry.action() + " or any publish of the pair): it "
                    + "completes the swap first.", e);
        }
        return new Committed(new PublishOutcome(PublishOutcome.Status.PUBLISHED, entry.seq(), entry.manifest(), List.of()),
                changedKinds(previous, entry.manifest().current()));
    }

    /** Brings the pointer to the newest entry if a crashed or raced publish left it behind. */
    void completeSwap(HistoryEntry newest) {
        Optional<byte[]> pointer = store.read(layout.pointer(newest.manifest().tenant(), newest.manifest().surface()));
        if (pointer.isEmpty() || !Arrays.equals(pointer.get(), newest.manifest().toBytes())) {
            swapTo(newest);
        }
    }

    /**
     * Writes the pointer for {@code entry} unless a newer entry already exists (then it writes the
     * newest instead: an older manifest is never written over a newer one that may be live). The
     * write is a compare-and-swap against the pointer read before the check: on S3 and MinIO an
     * If-Match PUT, atomic, so a write delayed after a newer publisher's swap is refused instead of
     * landing late, and the loop reads again. Stores whose If-Match is not atomic (the local test
     * server) or has no CAS at all still end right: the newest entry is re-read after every write and
     * the pointer brought to it, so whoever writes last has re-read last.
     */
    private void swapTo(HistoryEntry entry) {
        String tenant = entry.manifest().tenant();
        String surface = entry.manifest().surface();
        Location pointer = layout.pointer(tenant, surface);
        HistoryEntry target = entry;
        while (true) {
            Optional<ObjectStore.Versioned> live = store.readVersioned(pointer);
            long newest = registry.latestSeq(tenant, surface);
            if (newest > target.seq()) {
                target = registry.entry(tenant, surface, newest);
                continue;
            }
            byte[] bytes = target.manifest().toBytes();
            boolean alreadyLive = live.isPresent() && Arrays.equals(live.get().bytes(), bytes);
            if (!alreadyLive && !store.replaceIfUnchanged(pointer, bytes, live.map(ObjectStore.Versioned::tag))) {
                continue;
            }
            if (registry.latestSeq(tenant, surface) <= target.seq()) {
                return;
            }
        }
    }

    /** Creates entry N, or throws {@link ExitCode#CONFLICT} naming the publisher that created it first. */
    private void create(HistoryEntry entry) {
        Location path = layout.historyEntry(entry.manifest().tenant(), entry.manifest().surface(), entry.seq());
        byte[] bytes = RegistryJson.prettyBytes(entry);
        if (!createOrFindOurs(path, bytes, entry)) {
            HistoryEntry winner = registry.entry(entry.manifest().tenant(), entry.manifest().surface(), entry.seq());
            throw new PipelineException(ExitCode.CONFLICT, "concurrent publish: history entry " + entry.seq() + " of "
                    + entry.manifest().tenant() + "/" + entry.manifest().surface() + " was created first by "
                    + describe(winner) + "; nothing of this " + entry.action() + " went live. Re-run to apply it on top.");
        }
    }

    /**
     * True when entry N holds our bytes. When the store fails (e.g. a timeout) the create may or may
     * not have landed: the entry is read back before deciding anything, and created again only if
     * it is not there.
     */
    private boolean createOrFindOurs(Location path, byte[] bytes, HistoryEntry entry) {
        PipelineException failure = null;
        for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
            try {
                if (store.create(path, bytes)) {
                    return true;
                }
            } catch (PipelineException e) {
                if (e.exitCode() != ExitCode.STORAGE) {
                    throw e;
                }
                failure = e;
                if (readBack(path, entry, e).isEmpty()) {
                    continue;
                }
            }
            // Taken: by another publisher, or by our own earlier attempt whose answer was lost.
            return Arrays.equals(readBack(path, entry, failure).orElse(null), bytes);
        }
        throw unknownOutcome(entry, failure);
    }

    private Optional<byte[]> readBack(Location path, HistoryEntry entry, PipelineException createFailure) {
        try {
            return store.read(path);
        } catch (PipelineException e) {
            if (e.exitCode() != ExitCode.STORAGE) {
                throw e;
            }
            throw unknownOutcome(entry, createFailure == null ? e : createFailure);
        }
    }

    private static PipelineException unknownOutcome(HistoryEntry entry, PipelineException cause) {
        String pair = entry.manifest().tenant() + "/" + entry.manifest().surface();
        return new PipelineException(ExitCode.STORAGE, "the outcome of creating history entry " + entry.seq() + " of "
                + pair + " is unknown (" + cause.getMessage() + "). This " + entry.action() + " did not swap the "
                + "pointer and deleted nothing. Check `manifest history --tenant " + entry.manifest().tenant()
                + " --surface " + entry.manifest().surface() + "` once storage answers; re-running is safe: it completes "
                + "the pointer if the entry landed, and publishes again if it did not.", cause);
    }

    static String describe(HistoryEntry entry) {
        return (entry.runId() == null ? "" : "run " + entry.runId() + " ") + "(" + entry.who() + ", " + entry.action()
                + ") at " + entry.createdAt();
    }

    private static Set<String> changedKinds(Map<String, String> before, Map<String, String> after) {
        Set<String> kinds = new TreeSet<>(before.keySet());
        kinds.addAll(after.keySet());
        kinds.removeIf(kind -> Objects.equals(before.get(kind), after.get(kind)));
        return kinds;
    }
}
