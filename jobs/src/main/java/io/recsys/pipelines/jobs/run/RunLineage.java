package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.text.Secrets;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.registry.RunInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lineage every history entry of a run carries, built once from the stages' typed results before
 * anything is published: the invocation's own keys (command, code version, Spark application), then
 * the inputs, the days, the window, the table versions read and, for a partial window, the days it lacked.
 */
final class RunLineage {
    private RunLineage() {
    }

    static RunInfo of(RunInfo invocation, StoreState state, DateWindow days, int windowDays) {
        Map<String, Object> lineage = new LinkedHashMap<>(invocation.lineage());
        put(lineage, "inputs", Reports.inputs(state.canonicalized()));
        put(lineage, "days", days.toString());
        put(lineage, "window_days", windowDays);
        put(lineage, "tables", StoreState.render(state.tables()));
        if (!state.missingDays().isEmpty()) {
            put(lineage, "missing_days", StoreState.days(state.missingDays()));
        }
        return new RunInfo(invocation.runId(), invocation.startedAt(), invocation.who(), invocation.reason(), lineage);
    }

    private static void put(Map<String, Object> lineage, String key, Object value) {
        // Input locations and the like may carry a URL's user info: never into the immutable history.
        lineage.put(key, Secrets.redactDeep(value, List.of()));
    }
}
