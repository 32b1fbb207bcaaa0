package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactKind;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One selected kind and its Spark work, which builds the kind for every (tenant, surface) of a
 * window in one job ({@link KindBuilders} says which work each kind has).
 */
public record KindBuilder(ArtifactKind kind, Function<WindowInputs, Built> work) {
    public KindBuilder {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(work, "work");
    }

    /** Runs the kind's Spark work for the window; its payloads are then read pair by pair. */
    public Built build(WindowInputs inputs) {
        return work.apply(inputs);
    }

    /**
     * The payloads, one pair at a time; counts for the run report; and warnings (one line each) about
     * pairs that get no artifact of the kind.
     */
    public record Built(PairStream payloads, Map<String, Object> stats, List<String> warnings) {
        public Built(PairStream payloads, Map<String, Object> stats) {
            this(payloads, stats, List.of());
        }
    }
}
