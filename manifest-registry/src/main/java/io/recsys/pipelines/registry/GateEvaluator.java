package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.KindSpec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Contract section 7, evaluated on the bytes the service would read: the one implementation of the
 * gates, shared by a publish (which then refuses) and a dry-run plan (which only reports).
 */
final class GateEvaluator {
    private final Registry registry;
    private final PublishGates gates;

    GateEvaluator(Registry registry, PublishGates gates) {
        this.registry = registry;
        this.gates = gates;
    }

    /** Every gate: the blob's integrity, then whether it may replace the live artifact. */
    GateResults evaluate(String tenant, String surface, Candidate candidate, byte[] blob, LiveArtifact live) {
        GateResults r = integrity(tenant, surface, candidate, blob);
        // The volume gates bound the kinds whose spec gives ranked counts (popularity, contract 7).
        candidate.kind().spec().rankedCounts().ifPresent(ranked -> {
            minItemsGate(candidate.kind(), blob, r);
            dropGate(candidate.kind(), ranked, blob, live, r);
        });
        rejectedGate(tenant, surface, candidate, live, r);
        return r;
    }

    /** The gates of a stored blob on its own: the service would read it, and it hashes to its version. */
    GateResults integrity(String tenant, String surface, Candidate candidate, byte[] blob) {
        GateResults r = new GateResults();
        List<String> readerProblems = ServiceReaderChecks.artifactProblems(blob, candidate.kind(), tenant, surface,
                gates.maxArtifactBytes());
        if (readerProblems.isEmpty()) {
            r.pass("service_reader", "");
        } else {
            r.fail("service_reader", String.join("; ", readerProblems), "the service would reject it: "
                    + String.join("; ", readerProblems));
        }
        versionGate(candidate.version(), blob, r);
        r.info("bytes", blob.length);
        return r;
    }

    private static void versionGate(String version, byte[] blob, GateResults r) {
        VersionCheck.problem(version, blob).ifPresentOrElse(p -> r.fail("version_hash", p, p),
                () -> r.pass("version_hash", ""));
    }

    /** At least min_items items. */
    private void minItemsGate(ArtifactKind kind, byte[] blob, GateResults r) {
        int items = BlobStats.items(kind, blob);
        String detail = items + " items, min " + gates.minItems();
        if (items >= gates.minItems()) {
            r.pass("min_items", detail);
        } else {
            r.fail("min_items", detail, kind.id() + " has " + items + " items, fewer than publish.min_items = "
                    + gates.minItems());
        }
    }

    /** The total must not drop by more than max_drop_ratio against the live artifact. */
    private void dropGate(ArtifactKind kind, KindSpec.RankedCounts ranked, byte[] candidate, LiveArtifact live,
                          GateResults r) {
        if (!live.exists()) {
            r.pass("max_drop_ratio", "nothing live");
            return;
        }
        if (live.blob() == null) {
            r.info("max_drop_ratio", "skipped (live blob " + live.uri() + " is gone)");
            return;
        }
        long before = BlobStats.total(kind, ranked, live.blob());
        long after = BlobStats.total(kind, ranked, candidate);
        double drop = before == 0 ? 0.0 : (double) (before - after) / before;
        String detail = String.format(Locale.ROOT, "total %d -> %d (drop %.1f%%, max %.1f%%)", before, after,
                100 * Math.max(drop, 0), 100 * gates.maxDropRatio());
        r.overridable("max_drop_ratio", drop <= gates.maxDropRatio(), gates.force(), detail, kind.id() + " " + detail);
    }

    /** A version a rollback rolled away from may not go live again unless forced. */
    private void rejectedGate(String tenant, String surface, Candidate candidate, LiveArtifact live, GateResults r) {
        Optional<RejectedVersion> rejection = candidate.uri().equals(live.uri()) ? Optional.empty()
                : registry.rejection(tenant, surface, candidate.kind().id(), candidate.version());
        if (rejection.isEmpty()) {
            r.pass("rejected_version", "");
        } else {
            r.overridable("rejected_version", false, gates.force(), rejection.get().describe(), rejection.get().describe());
        }
    }
}
