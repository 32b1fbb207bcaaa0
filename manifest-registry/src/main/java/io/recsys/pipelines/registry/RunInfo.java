package io.recsys.pipelines.registry;

import java.time.Instant;
import java.util.Map;

/** Who publishes, when, why, and from what inputs: written into every history entry. */
public record RunInfo(String runId, Instant startedAt, String who, String reason, Map<String, Object> lineage) {
}
