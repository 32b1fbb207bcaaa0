package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.ObjectStore;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The driver-side registry of one storage root: append-only records, numbered history entries and
 * the current pointer per (tenant, surface).
 *
 * <p>The newest history entry is the truth; the pointer is the copy the service reads. A publish
 * creates entry N+1 create-only (one publisher wins it), then swaps the pointer last. If a process
 * dies between the two, the next publish finds the pointer behind the newest entry and completes
 * the swap before doing anything else.
 */
public final class Registry {
    private final ObjectStore store;
    private final RegistryLayout layout;
    private final Supplier<Instant> clock;

    public Registry(ObjectStore store, Path root) {
        this(store, root, Instant::now);
    }

    public Registry(ObjectStore store, Path root, Supplier<Instant> clock) {
        this.store = store;
        this.layout = new RegistryLayout(root);
        this.clock = clock;
    }

    public RegistryLayout layout() {
        return layout;
    }

    public Optional<Manifest> pointer(String tenant, String surface) {
        return store.read(layout.pointer(tenant, surface)).map(bytes -> parse(bytes, Manifest.class,
                layout.pointer(tenant, surface)));
    }

    public Optional<HistoryEntry> latestEntry(String tenant, String surface) {
        long seq = latestSeq(tenant, surface);
        return seq == 0 ? Optional.empty() : Optional.of(entry(tenant, surface, seq));
    }

    public HistoryEntry entry(String tenant, String surface, long seq) {
        Path path = layout.historyEntry(tenant, surface, seq);
        byte[] bytes = store.read(path).orElseThrow(() -> PipelineException.usage(
                "no history entry " + seq + " for " + tenant + "/" + surface + " (" + path + ")"));
        return parse(bytes, HistoryEntry.class, path);
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

    /** Records are append-only: an existing record of the same version is kept as it is. */
    public void record(String tenant, String surface, ArtifactRef ref) {
        Path path = layout.record(tenant, surface, ref.kind(), ref.version());
        store.createIfAbsent(path, toPrettyBytes(ref));
    }

    public Optional<ArtifactRef> readRecord(String tenant, String surface, String kind, String version) {
        Path path = layout.record(tenant, surface, kind, version);
        return store.read(path).map(bytes -> parse(bytes, ArtifactRef.class, path));
    }

    /**
     * Makes the request's artifacts live. Kinds not in the request keep their pointer. Equal to
     * what is live: nothing is written. Throws {@link ExitCode#CONFLICT} when another publisher
     * created the same entry number first.
     */
    public PublishOutcome publish(PublishRequest request) {
        String tenant = request.tenant();
        String surface = request.surface();
        try (PairLock ignored = PairLock.acquire(layout, tenant, surface)) {
            Optional<HistoryEntry> latest = latestEntry(tenant, surface);
            latest.ifPresent(this::completeSwap);
            Map<String, String> live = latest.<Map<String, String>>map(e -> e.manifest().current()).orElse(Map.of());
            Map<String, String> wanted = new TreeMap<>(live);
            request.artifacts().forEach((kind, ref) -> wanted.put(kind, ref.uri()));
            if (latest.isPresent() && wanted.equals(live)) {
                return new PublishOutcome(PublishOutcome.Status.UNCHANGED, latest.get().seq(), latest.get().manifest());
            }
            String now = now();
            Manifest manifest = new Manifest(tenant, surface, new TreeMap<>(wanted), now);
            long seq = latest.map(HistoryEntry::seq).orElse(0L) + 1;
            HistoryEntry entry = new HistoryEntry(seq, HistoryEntry.PUBLISH, latest.map(HistoryEntry::seq).orElse(null),
                    now, request.runId(), request.who(), request.reason(), request.forced(), manifest,
                    request.artifacts(), request.validation(), request.lineage());
            createEntry(entry);
            swapPointer(tenant, surface, seq, manifest);
            return new PublishOutcome(PublishOutcome.Status.PUBLISHED, seq, manifest);
        }
    }

    private void createEntry(HistoryEntry entry) {
        String tenant = entry.manifest().tenant();
        String surface = entry.manifest().surface();
        Path path = layout.historyEntry(tenant, surface, entry.seq());
        if (!store.createIfAbsent(path, toPrettyBytes(entry))) {
            HistoryEntry winner = entry(tenant, surface, entry.seq());
            throw new PipelineException(ExitCode.CONFLICT, "concurrent publish: history entry " + entry.seq() + " of "
                    + tenant + "/" + surface + " was created first by run " + winner.runId() + " (" + winner.who()
                    + ") at " + winner.createdAt() + "; nothing of this run went live. Re-run to publish on top of it.");
        }
    }

    /**
     * Writes the pointer for entry {@code seq}, then checks that no newer entry appeared meanwhile;
     * if one did, the pointer is brought to the newest entry, so it always ends equal to it.
     */
    private void swapPointer(String tenant, String surface, long seq, Manifest manifest) {
        store.replace(layout.pointer(tenant, surface), manifest.toBytes());
        long newest = latestSeq(tenant, surface);
        if (newest > seq) {
            completeSwap(entry(tenant, surface, newest));
        }
    }

    /** Brings the pointer to the newest entry if a crashed or raced publish left it behind. */
    private void completeSwap(HistoryEntry newest) {
        String tenant = newest.manifest().tenant();
        String surface = newest.manifest().surface();
        Optional<Manifest> pointer = pointer(tenant, surface);
        if (pointer.isEmpty() || !pointer.get().equals(newest.manifest())) {
            store.replace(layout.pointer(tenant, surface), newest.manifest().toBytes());
        }
    }

    private String now() {
        return clock.get().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static byte[] toPrettyBytes(Object value) {
        try {
            return RegistryJson.PRETTY.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T parse(byte[] bytes, Class<T> type, Path path) {
        try {
            return RegistryJson.COMPACT.readValue(bytes, type);
        } catch (IOException e) {
            throw new PipelineException(ExitCode.UNEXPECTED, "registry file " + path + " is not valid "
                    + type.getSimpleName() + " JSON: " + e.getMessage() + " (first bytes: "
                    + new String(Arrays.copyOf(bytes, Math.min(80, bytes.length)), java.nio.charset.StandardCharsets.UTF_8) + ")");
        }
    }
}
