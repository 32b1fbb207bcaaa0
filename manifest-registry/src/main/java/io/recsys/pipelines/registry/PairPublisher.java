package io.recsys.pipelines.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.artifact.ArtifactEncoder;
import io.recsys.pipelines.common.artifact.ArtifactHeader;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.common.storage.ObjectStore;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes the artifacts of one (tenant, surface) in the contract's order: blobs written
 * (write-once) and read back through the service's checks, gates, records, history entry, and the
 * pointer swapped last. Any failure before the swap leaves the live pointer as it was.
 */
public final class PairPublisher {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectStore store;
    private final Path objectStoreRoot;
    private final Registry registry;
    private final PublishGates gates;

    public PairPublisher(ObjectStore store, Path objectStoreRoot, Registry registry, PublishGates gates) {
        this.store = store;
        this.objectStoreRoot = objectStoreRoot;
        this.registry = registry;
        this.gates = gates;
    }

    /** One artifact after the blob step. */
    public record WrittenArtifact(ArtifactRef ref, boolean blobCreated, Map<String, Object> gateResults) {
    }

    public record Result(String tenant, String surface, List<WrittenArtifact> artifacts, PublishOutcome outcome) {
    }

    public Result publish(String tenant, String surface, List<Artifact> artifacts, RunInfo run) {
        Instant builtAt = run.startedAt().truncatedTo(ChronoUnit.SECONDS);
        Optional<HistoryEntry> live = registry.latestEntry(tenant, surface);
        List<WrittenArtifact> written = new ArrayList<>();
        Map<String, Object> validation = new LinkedHashMap<>();
        for (Artifact artifact : artifacts) {
            WrittenArtifact w = writeAndCheck(tenant, surface, artifact, builtAt, run.runId(), live);
            written.add(w);
            validation.put(w.ref().kind(), w.gateResults());
        }
        for (WrittenArtifact w : written) {
            registry.record(tenant, surface, w.ref());
        }
        Map<String, ArtifactRef> refs = new LinkedHashMap<>();
        written.forEach(w -> refs.put(w.ref().kind(), w.ref()));
        PublishOutcome outcome = registry.publish(new PublishRequest(tenant, surface, refs, run.runId(), run.who(),
                run.reason(), gates.force(), validation, run.lineage()));
        return new Result(tenant, surface, written, outcome);
    }

    private WrittenArtifact writeAndCheck(String tenant, String surface, Artifact artifact, Instant builtAt,
                                          String runId, Optional<HistoryEntry> live) {
        ArtifactHeader header = artifact.header();
        String kind = header.kind().id();
        String version = ArtifactEncoder.version(artifact);
        Path blobPath = new Path(objectStoreRoot, tenant + "/" + surface + "/" + kind + "/" + version + ".json");
        boolean created = store.createIfAbsent(blobPath, ArtifactEncoder.encodeForPublish(artifact, builtAt, version));
        // Read back what is stored (ours or an earlier run's): that is what the service will read.
        byte[] stored = store.read(blobPath).orElseThrow(() -> new PipelineException(ExitCode.STORAGE,
                "blob " + blobPath + " was written but cannot be read back"));

        Map<String, Object> results = new LinkedHashMap<>();
        List<String> refusals = new ArrayList<>();
        List<String> readerProblems = ServiceReaderChecks.artifactProblems(stored, kind, tenant, surface, gates.maxArtifactBytes());
        results.put("service_reader", readerProblems.isEmpty() ? "pass" : readerProblems);
        refusals.addAll(readerProblems);
        String recomputed = ArtifactEncoder.recomputeVersion(stored);
        boolean hashOk = version.equals(recomputed);
        results.put("version_hash", hashOk ? "pass" : "recomputed " + recomputed);
        if (!hashOk) {
            refusals.add("stored blob hashes to " + recomputed + ", not to its version " + version
                    + " (modified after it was written? delete it and re-run)");
        }
        results.put("bytes", stored.length);
        int items = artifact.payload().itemCount();
        if (kind.equals("popularity")) {
            if (items < gates.minItems()) {
                refusals.add("popularity has " + items + " items, fewer than publish.min_items = " + gates.minItems());
            }
            results.put("min_items", items >= gates.minItems() ? "pass" : "fail");
            checkDrop(tenant, surface, stored, live, results, refusals);
        }
        if (!refusals.isEmpty()) {
            throw new PipelineException(ExitCode.GATE_REFUSED, "publish gate refused " + kind + " " + version + " for "
                    + tenant + "/" + surface + ": " + String.join("; ", refusals)
                    + ". Nothing was published; the live manifest is unchanged.");
        }
        ArtifactRef ref = new ArtifactRef(kind, version, Locations.serviceUri(blobPath), header.segment(),
                header.window().start().toString(), header.window().end().toString(), items, stored.length,
                builtAt.toString(), runId);
        return new WrittenArtifact(ref, created, results);
    }

    /** The popularity total must not drop by more than max_drop_ratio against the live artifact. */
    private void checkDrop(String tenant, String surface, byte[] candidate, Optional<HistoryEntry> live,
                           Map<String, Object> results, List<String> refusals) {
        Optional<String> liveUri = live.map(e -> e.manifest().current().get("popularity"));
        if (liveUri.isEmpty() || liveUri.get() == null) {
            results.put("max_drop_ratio", "pass (nothing live)");
            return;
        }
        Optional<byte[]> liveBlob = store.read(Locations.fromServiceUri(liveUri.get()));
        if (liveBlob.isEmpty()) {
            results.put("max_drop_ratio", "skipped (live blob " + liveUri.get() + " is gone)");
            return;
        }
        long before = popularityTotal(liveBlob.get());
        long after = popularityTotal(candidate);
        double drop = before == 0 ? 0.0 : (double) (before - after) / before;
        boolean ok = drop <= gates.maxDropRatio();
        String detail = String.format(Locale.ROOT, "total %d -> %d (drop %.1f%%, max %.1f%%)", before, after,
                100 * Math.max(drop, 0), 100 * gates.maxDropRatio());
        if (ok) {
            results.put("max_drop_ratio", "pass: " + detail);
        } else if (gates.force()) {
            results.put("max_drop_ratio", "forced: " + detail);
        } else {
            results.put("max_drop_ratio", "fail: " + detail);
            refusals.add("popularity " + detail + "; pass --force if the drop is expected");
        }
    }

    private static long popularityTotal(byte[] blob) {
        try {
            long total = 0;
            for (JsonNode item : MAPPER.readTree(blob).path("items")) {
                total += item.path("count").asLong();
            }
            return total;
        } catch (IOException e) {
            return 0;
        }
    }
}
