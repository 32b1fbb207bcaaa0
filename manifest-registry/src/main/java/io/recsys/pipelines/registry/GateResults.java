package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of the publish gates for one artifact: per gate "pass", "fail: ..." or "forced: ..."
 * (written into the history entry's validation report), and the refusals that stop a publish.
 */
final class GateResults {
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String> refusals = new ArrayList<>();

    void pass(String gate, String detail) {
        results.put(gate, detail.isEmpty() ? "pass" : "pass: " + detail);
    }

    void fail(String gate, String detail, String refusal) {
        results.put(gate, "fail: " + detail);
        refusals.add(refusal);
    }

    /** A gate that {@code force} overrides: the override is kept in the report, so it is recorded. */
    void overridable(String gate, boolean ok, boolean force, String detail, String refusal) {
        if (ok) {
            pass(gate, detail);
        } else if (force) {
            results.put(gate, "forced: " + detail);
        } else {
            fail(gate, detail, refusal + "; pass --force if this is intended");
        }
    }

    void info(String key, Object value) {
        results.put(key, value);
    }

    Map<String, Object> results() {
        return results;
    }

    List<String> refusals() {
        return refusals;
    }

    boolean passed() {
        return refusals.isEmpty();
    }

    void refuseIfFailed(String kind, String version, String tenant, String surface) {
        if (!passed()) {
            throw new PipelineException(ExitCode.GATE_REFUSED, "publish gate refused " + kind + " " + version + " for "
                    + tenant + "/" + surface + ": " + String.join("; ", refusals)
                    + ". Nothing was published; the live manifest is unchanged.");
        }
    }
}
