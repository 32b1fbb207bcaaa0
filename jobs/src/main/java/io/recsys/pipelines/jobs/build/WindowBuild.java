package io.recsys.pipelines.jobs.build;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ArtifactPayload;
import io.recsys.pipelines.jobs.run.TenantSurface;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every selected kind of one window: their Spark work runs when this is started, then their
 * payload streams are walked in lockstep, one (tenant, surface) at a time in {@link PairStream#ORDER},
 * so the driver holds one pair's payloads of every kind, never a kind's payloads of every pair.
 */
public final class WindowBuild {
    private final List<ArtifactKind> kinds = new ArrayList<>();
    private final List<PairStream> streams = new ArrayList<>();
    private final Map<String, Object> stats = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<TenantSurface> pairs;

    /** One kind's payload for a pair. */
    public record KindPayload(ArtifactKind kind, ArtifactPayload payload) {
    }

    private WindowBuild(List<KindBuilder> builders, WindowInputs inputs) {
        for (KindBuilder builder : builders) {
            KindBuilder.Built built = builder.build(inputs);
            kinds.add(builder.kind());
            streams.add(built.payloads());
            if (!built.stats().isEmpty()) {
                stats.put(builder.kind().id(), built.stats());
            }
            built.warnings().forEach(w -> warnings.add(builder.kind().id() + ": " + w));
        }
        List<TenantSurface> sorted = new ArrayList<>(inputs.pairs());
        sorted.sort(PairStream.ORDER);
        this.pairs = List.copyOf(sorted);
    }

    /** Runs the Spark work of every kind, one kind after the other; what is left is reading sorted results. */
    public static WindowBuild start(List<KindBuilder> builders, WindowInputs inputs) {
        return new WindowBuild(builders, inputs);
    }

    /** The pairs that get artifacts, in the order {@link #next} must be called with them. */
    public List<TenantSurface> pairs() {
        return pairs;
    }

    /** Per kind, counts for the run report (only kinds that have some). */
    public Map<String, Object> stats() {
        return stats;
    }

    /** One line per pair that a kind leaves out, prefixed with the kind. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The payloads of {@code pair}, in the order the kinds were selected: a kind without rows for
     * the pair gives its empty payload, a kind that leaves the pair out gives nothing. Pairs come in
     * {@link #pairs()} order; a pair may be skipped (its rows are read past, never assembled).
     */
    public List<KindPayload> next(TenantSurface pair) {
        List<KindPayload> payloads = new ArrayList<>(streams.size());
        for (int i = 0; i < streams.size(); i++) {
            Optional<ArtifactPayload> payload = streams.get(i).payloadFor(pair);
            if (payload.isPresent()) {
                payloads.add(new KindPayload(kinds.get(i), payload.get()));
            }
        }
        return payloads;
    }
}
