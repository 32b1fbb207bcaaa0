package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactKind;

import java.util.List;
import java.util.Map;

/** Builds one artifact kind for every (tenant, surface) of a window in one Spark job. */
public interface KindBuilder {
    ArtifactKind kind();

    /** Runs the kind's Spark work for the window; its payloads are then read pair by pair. */
    Built build(WindowInputs inputs);

    /**
     * The payloads, one pair at a time; counts for the run report; and warnings (one line each) about
     * pairs that get no artifact of the kind.
     */
    record Built(PairStream payloads, Map<String, Object> stats, List<String> warnings) {
        public Built(PairStream payloads, Map<String, Object> stats) {
            this(payloads, stats, List.of());
        }
    }
}
