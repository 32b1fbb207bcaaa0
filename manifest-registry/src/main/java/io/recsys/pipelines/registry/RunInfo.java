package io.recsys.pipelines.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who publishes, when, why, and from what inputs: written into every history entry. The lineage is
 * a copy that cannot be changed: every entry of a run says the same, however many pairs it publishes
 * (a run's per-pair numbers come as a new RunInfo).
 */
public record RunInfo(String runId, Instant startedAt, String who, String reason, Map<String, Object> lineage) {
    public RunInfo {
        lineage = lineage == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(lineage));
    }
}
