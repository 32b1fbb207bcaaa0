package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.common.storage.Location;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Publishes the artifacts of one (tenant, surface) in the contract's order: blobs written
 * (write-once) and read back through the gates, records, history entry, and the pointer swapped
 * last. Any failure before the swap leaves the live pointer as it was. {@link #plan} evaluates the
 * same gates on the same inputs without writing anything.
 */
public final class PairPublisher {
    private static final int TOP_ITEMS = 100;

    private final ObjectStore store;
    private final Location objectStoreRoot;
    private final Registry registry;
    private final PublishGates gates;
    private final GateEvaluator evaluator;

    public PairPublisher(ObjectStore store, Location objectStoreRoot, Registry registry, PublishGates gates) {
        this.store = store;
        this.objectStoreRoot = objectStoreRoot;
        this.registry = registry;
        this.gates = gates;
        this.evaluator = new GateEvaluator(registry, gates);
    }

    /** One artifact after the blob step. */
    public record WrittenArtifact(ArtifactRef ref, boolean blobCreated, Map<String, Object> gateResults) {
    }

    /** A written artifact with what it takes to put its blob back: the candidate (our bytes) and what was stored. */
    private record Stored(Candidate candidate, byte[] bytes, WrittenArtifact written) {
    }

    public record Result(String tenant, String surface, List<WrittenArtifact> artifacts, PublishOutcome outcome) {
    }

    public Result publish(String tenant, String surface, List<Artifact> artifacts, RunInfo run) {
        Optional<HistoryEntry> live = registry.latestEntry(tenant, surface);
        List<Stored> stored = writeAndRecord(tenant, surface, artifacts, run, (candidate, bytes) ->
                evaluator.evaluate(tenant, surface, candidate, bytes, LiveArtifact.read(live, candidate.kind().id(), store)));
        List<WrittenArtifact> written = stored.stream().map(Stored::written).toList();
        Map<String, ArtifactRef> refs = new LinkedHashMap<>();
        Map<String, Object> validation = new LinkedHashMap<>();
        for (WrittenArtifact w : written) {
            refs.put(w.ref().kind(), w.ref());
            validation.put(w.ref().kind(), w.gateResults());
        }
        PublishOutcome outcome = registry.publish(new PublishRequest(tenant, surface, refs, run.runId(), run.who(),
                run.reason(), gates.force(), validation, run.lineage()), new KeepBlobs(tenant, surface, stored));
        return new Result(tenant, surface, written, outcome);
    }

    /**
     * gc deletes what no kept entry names and what is old enough; a publish that re-uses an old blob
     * (a re-publish of an earlier artifact) names it only once its entry exists. In between, every
     * blob to be named is re-written if it is gone (local registries: gc holds the same pair lock, so
     * it cannot delete one after this check). On S3, where nothing locks, a re-used blob that is not
     * live is refreshed (written again with its own stored bytes: same content, new modification
     * time), which makes it younger than the newest history entry, and gc spares what is (see
     * {@link GarbageCollector}).
     * After the entry is created, the blobs are checked once more before the pointer swap.
     */
    private final class KeepBlobs implements BlobGuard {
        private final String tenant;
        private final String surface;
        private final List<Stored> stored;

        KeepBlobs(String tenant, String surface, List<Stored> stored) {
            this.tenant = tenant;
            this.surface = surface;
            this.stored = stored;
        }

        @Override
        public void beforeEntry(Map<String, String> live) {
            for (Stored s : stored) {
                Location path = s.candidate().blobPath();
                boolean isLive = s.candidate().uri().equals(live.get(s.candidate().kind().id()));
                // Local registries hold the pair's lock here, which gc takes too: nothing to refresh there.
                if (!s.written().blobCreated() && !isLive && !path.isLocal()) {
                    store.createOrReplace(path, s.bytes());
                } else {
                    putBack(s);
                }
                // A record gc took along with the blob is written again too (create-only: a no-op when present).
                registry.record(tenant, surface, s.written().ref());
            }
        }

        @Override
        public void beforeSwap() {
            stored.forEach(this::putBack);
        }

        /** Our own bytes, if the blob is gone: the same version (build.built_at aside), valid by construction. */
        private void putBack(Stored s) {
            if (!store.exists(s.candidate().blobPath())) {
                store.create(s.candidate().blobPath(), s.candidate().bytes());
            }
        }
    }

    /**
     * The blob and record steps of {@link #publish} without the history entry and the swap (e.g. the
     * earlier days of a back-fill): the artifacts are stored and described, and nothing goes live.
     * Only the integrity gates apply, since nothing is compared with or replaces the live artifact.
     */
    public List<WrittenArtifact> recordOnly(String tenant, String surface, List<Artifact> artifacts, RunInfo run) {
        return writeAndRecord(tenant, surface, artifacts, run,
                (candidate, stored) -> evaluator.integrity(tenant, surface, candidate, stored))
                .stream().map(Stored::written).toList();
    }

    /** Blobs written write-once and read back through the gates, then records: the steps before the history entry. */
    private List<Stored> writeAndRecord(String tenant, String surface, List<Artifact> artifacts, RunInfo run,
                                        BiFunction<Candidate, byte[], GateResults> gatesOf) {
        List<Candidate> candidates = candidates(tenant, surface, artifacts, run);
        // The size gate first: an artifact the service would refuse is never written, whatever its size.
        for (Candidate candidate : candidates) {
            if (candidate.bytes().length > gates.maxArtifactBytes()) {
                throw new PipelineException(ExitCode.GATE_REFUSED, "publish gate refused " + candidate.kind().id() + " "
                        + candidate.version() + " for " + tenant + "/" + surface + ": size " + candidate.bytes().length
                        + " bytes is over the service limit of " + gates.maxArtifactBytes() + " (publish.max_artifact_bytes)"
                        + ". Nothing was published and no blob was written; the live manifest is unchanged.");
            }
        }
        List<Stored> written = new ArrayList<>();
        for (Candidate candidate : candidates) {
            boolean created = store.create(candidate.blobPath(), candidate.bytes());
            // Read back what is stored (ours or an earlier run's): that is what the service will read.
            byte[] stored = store.read(candidate.blobPath()).orElseThrow(() -> new PipelineException(ExitCode.STORAGE,
                    "blob " + candidate.blobPath() + " was written but cannot be read back"));
            GateResults results = gatesOf.apply(candidate, stored);
            results.refuseIfFailed(candidate.kind().id(), candidate.version(), tenant, surface);
            written.add(new Stored(candidate, stored,
                    new WrittenArtifact(candidate.ref(stored.length, run.runId()), created, results.results())));
        }
        registry.hook().reached(PublishHook.Step.AFTER_BLOBS);
        written.forEach(w -> registry.record(tenant, surface, w.written().ref()));
        registry.hook().reached(PublishHook.Step.AFTER_RECORDS);
        return written;
    }

    /**
     * What {@link #publish} would do with the same inputs, against the live manifest, writing
     * nothing: a blob that already exists is judged as stored, because write-once keeps it.
     */
    public PairPlan plan(String tenant, String surface, List<Artifact> artifacts, RunInfo run) {
        return plan(tenant, surface, artifacts, run, false);
    }

    /**
     * {@link #plan} for artifacts that would only be recorded ({@link #recordOnly}): only the
     * integrity gates apply, as there.
     */
    public PairPlan plan(String tenant, String surface, List<Artifact> artifacts, RunInfo run, boolean recordOnly) {
        Optional<HistoryEntry> live = registry.latestEntry(tenant, surface);
        List<PairPlan.KindPlan> kinds = new ArrayList<>();
        for (Candidate candidate : candidates(tenant, surface, artifacts, run)) {
            byte[] blob = store.read(candidate.blobPath()).orElse(candidate.bytes());
            LiveArtifact liveArtifact = LiveArtifact.read(live, candidate.kind().id(), store);
            GateResults results = recordOnly ? evaluator.integrity(tenant, surface, candidate, blob)
                    : evaluator.evaluate(tenant, surface, candidate, blob, liveArtifact);
            byte[] liveBlob = liveArtifact.blob();
            kinds.add(new PairPlan.KindPlan(candidate.kind(), liveArtifact.uri(), candidate.uri(),
                    liveArtifact.version(), candidate.version(),
                    liveBlob == null ? null : BlobStats.items(candidate.kind(), liveBlob),
                    BlobStats.items(candidate.kind(), blob),
                    liveBlob == null ? null : (long) liveBlob.length, blob.length,
                    liveBlob == null ? null : candidate.kind().spec().rankedCounts()
                            .map(ranked -> BlobStats.topChanged(candidate.kind(), ranked, liveBlob, blob, TOP_ITEMS))
                            .orElse(null),
                    results.results(), results.refusals()));
        }
        return new PairPlan(tenant, surface, live.map(HistoryEntry::seq).orElse(null), kinds);
    }

    private List<Candidate> candidates(String tenant, String surface, List<Artifact> artifacts, RunInfo run) {
        Instant builtAt = run.startedAt().truncatedTo(ChronoUnit.SECONDS);
        return artifacts.stream().map(a -> Candidate.of(a, registry.layout(), objectStoreRoot, tenant, surface, builtAt))
                .toList();
    }
}
