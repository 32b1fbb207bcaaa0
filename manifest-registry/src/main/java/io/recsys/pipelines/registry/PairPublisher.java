package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.ObjectStore;
import org.apache.hadoop.fs.Path;

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
    private final Path objectStoreRoot;
    private final Registry registry;
    private final PublishGates gates;
    private final GateEvaluator evaluator;

    public PairPublisher(ObjectStore store, Path objectStoreRoot, Registry registry, PublishGates gates) {
        this.store = store;
        this.objectStoreRoot = objectStoreRoot;
        this.registry = registry;
        this.gates = gates;
        this.evaluator = new GateEvaluator(registry, gates);
    }

    /** One artifact after the blob step. */
    public record WrittenArtifact(ArtifactRef ref, boolean blobCreated, Map<String, Object> gateResults) {
    }

    public record Result(String tenant, String surface, List<WrittenArtifact> artifacts, PublishOutcome outcome) {
    }

    public Result publish(String tenant, String surface, List<Artifact> artifacts, RunInfo run) {
        Optional<HistoryEntry> live = registry.latestEntry(tenant, surface);
        List<WrittenArtifact> written = writeAndRecord(tenant, surface, artifacts, run, (candidate, stored) ->
                evaluator.evaluate(tenant, surface, candidate, stored, LiveArtifact.read(live, candidate.kind(), store)));
        Map<String, ArtifactRef> refs = new LinkedHashMap<>();
        Map<String, Object> validation = new LinkedHashMap<>();
        for (WrittenArtifact w : written) {
            refs.put(w.ref().kind(), w.ref());
            validation.put(w.ref().kind(), w.gateResults());
        }
        PublishOutcome outcome = registry.publish(new PublishRequest(tenant, surface, refs, run.runId(), run.who(),
                run.reason(), gates.force(), validation, run.lineage()));
        return new Result(tenant, surface, written, outcome);
    }

    /**
     * The blob and record steps of {@link #publish} without the history entry and the swap (e.g. the
     * earlier days of a back-fill): the artifacts are stored and described, and nothing goes live.
     * Only the integrity gates apply, since nothing is compared with or replaces the live artifact.
     */
    public List<WrittenArtifact> recordOnly(String tenant, String surface, List<Artifact> artifacts, RunInfo run) {
        return writeAndRecord(tenant, surface, artifacts, run,
                (candidate, stored) -> evaluator.integrity(tenant, surface, candidate, stored));
    }

    /** Blobs written write-once and read back through the gates, then records: the steps before the history entry. */
    private List<WrittenArtifact> writeAndRecord(String tenant, String surface, List<Artifact> artifacts, RunInfo run,
                                                 BiFunction<Candidate, byte[], GateResults> gatesOf) {
        List<WrittenArtifact> written = new ArrayList<>();
        for (Candidate candidate : candidates(tenant, surface, artifacts, run)) {
            boolean created = store.createIfAbsent(candidate.blobPath(), candidate.bytes());
            // Read back what is stored (ours or an earlier run's): that is what the service will read.
            byte[] stored = store.read(candidate.blobPath()).orElseThrow(() -> new PipelineException(ExitCode.STORAGE,
                    "blob " + candidate.blobPath() + " was written but cannot be read back"));
            GateResults results = gatesOf.apply(candidate, stored);
            results.refuseIfFailed(candidate.kind(), candidate.version(), tenant, surface);
            written.add(new WrittenArtifact(candidate.ref(stored.length, run.runId()), created, results.results()));
        }
        registry.hook().reached(PublishHook.Step.AFTER_BLOBS);
        written.forEach(w -> registry.record(tenant, surface, w.ref()));
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
            LiveArtifact liveArtifact = LiveArtifact.read(live, candidate.kind(), store);
            GateResults results = recordOnly ? evaluator.integrity(tenant, surface, candidate, blob)
                    : evaluator.evaluate(tenant, surface, candidate, blob, liveArtifact);
            byte[] liveBlob = liveArtifact.blob();
            kinds.add(new PairPlan.KindPlan(candidate.kind(), liveArtifact.uri(), candidate.uri(),
                    liveArtifact.version(), candidate.version(),
                    liveBlob == null ? null : BlobStats.items(candidate.kind(), liveBlob),
                    BlobStats.items(candidate.kind(), blob),
                    liveBlob == null ? null : (long) liveBlob.length, blob.length,
                    liveBlob == null || !candidate.kind().equals("popularity") ? null
                            : BlobStats.topChanged(liveBlob, blob, TOP_ITEMS),
                    results.results(), results.refusals()));
        }
        return new PairPlan(tenant, surface, live.map(HistoryEntry::seq).orElse(null), kinds);
    }

    private List<Candidate> candidates(String tenant, String surface, List<Artifact> artifacts, RunInfo run) {
        Instant builtAt = run.startedAt().truncatedTo(ChronoUnit.SECONDS);
        return artifacts.stream().map(a -> Candidate.of(a, objectStoreRoot, tenant, surface, builtAt)).toList();
    }
}
