package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ArtifactPayload;
import io.recsys.pipelines.common.pair.TenantSurface;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    private WindowBuild(List<KindBuilder> builders, List<KindBuilder.Built> built, WindowInputs inputs) {
        for (int i = 0; i < builders.size(); i++) {
            KindBuilder builder = builders.get(i);
            kinds.add(builder.kind());
            streams.add(built.get(i).payloads());
            if (!built.get(i).stats().isEmpty()) {
                stats.put(builder.kind().id(), built.get(i).stats());
            }
            built.get(i).warnings().forEach(w -> warnings.add(builder.kind().id() + ": " + w));
        }
        List<TenantSurface> sorted = new ArrayList<>(inputs.pairs());
        sorted.sort(PairStream.ORDER);
        this.pairs = List.copyOf(sorted);
    }

    /**
     * Runs the Spark work of every kind, the kinds side by side (one driver thread each), so that one
     * kind's narrow stages (reading a window stored as a few files) overlap another's wide ones and no
     * core waits; what is left is reading sorted results.
     */
    public static WindowBuild start(List<KindBuilder> builders, WindowInputs inputs) {
        if (builders.size() < 2) {
            return new WindowBuild(builders, builders.stream().map(b -> b.build(inputs)).toList(), inputs);
        }
        ExecutorService pool = Executors.newFixedThreadPool(builders.size(), runnable -> {
            Thread thread = new Thread(runnable, "build-kind");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<KindBuilder.Built>> running = new ArrayList<>();
            for (KindBuilder builder : builders) {
                running.add(pool.submit(() -> builder.build(inputs)));
            }
            List<KindBuilder.Built> built = new ArrayList<>();
            for (Future<KindBuilder.Built> kind : running) {
                built.add(await(kind));
            }
            return new WindowBuild(builders, built, inputs);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The kind's result, or its failure as thrown in its own thread (a PipelineException keeps its exit code). */
    private static KindBuilder.Built await(Future<KindBuilder.Built> kind) {
        try {
            return kind.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
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
