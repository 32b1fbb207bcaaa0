package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.jobs.testing.Captured;
import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An over-budget run (exit 3) still leaves a whole report, and its message names every reason (issue 14, point 2). */
@ExtendWith(SharedSpark.class)
class FailureReportTest {
    private static final String OK = "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\","
            + "\"session_id\":\"s1\",\"item_id\":\"A\"}";

    @TempDir
    Path tmp;

    @Test
    void anOverBudgetRunReportsInputsEveryCountThatAddsUpAndTheStagesItRan() {
        Workspace ws = new Workspace(tmp);
        List<String> lines = new ArrayList<>(List.of(OK, OK, OK.replace("2026-01-01", "2026-01-05"),
                "", "{not json", "[1]",
                OK.replace("\"v\":1,", ""), OK.replace("\"ts\":\"2026-01-01T08:00:00Z\",", ""),
                OK.replace("\"tenant\":\"demo\",", ""), OK.replace("\"surface\":\"home\",", ""),
                OK.replace("\"session_id\":\"s1\",", ""), OK.replace(",\"item_id\":\"A\"", ""),
                OK.replace("\"v\":1", "\"v\":\"1\""), OK.replace("\"v\":1", "\"v\":2"),
                OK.replace("2026-01-01T08:00:00Z", "yesterday"), OK.replace("}", ",\"rank\":-1}"),
                OK.replace("}", ",\"rank\":1.5}"), OK.replace("\"demo\"", "5"), OK.replace("\"A\"", "5")));
        Path input = ws.input("day.jsonl", lines.toArray(String[]::new));

        // The run-level budget holds the six lines of no pair; demo's own ten rejects put demo over its budget.
        String err = Captured.err(() -> assertEquals(3, ws.run("2026-01-01", input, null,
                "--set", "limits.max_unattributed_ratio=0.5")));

        JsonNode report = ws.lastReport();
        assertEquals("failed", report.get("status").asText());
        assertEquals(3, report.get("exit_code").asInt());
        assertTrue(report.get("inputs").get("exposures").get("files").get(0).asText().endsWith("day.jsonl"), report.toString());
        JsonNode c = report.get("events").get("exposures");
        assertEquals(lines.size(), c.get("lines_read").asInt());
        assertEquals(2, c.get("accepted").asInt());
        assertEquals(1, c.get("out_of_window_skipped").asInt());
        long byReason = 0;
        List<String> reasons = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.get("rejected_by_reason").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byReason += e.getValue().asLong();
            reasons.add(e.getKey());
        }
        assertEquals(c.get("rejected").asLong(), byReason);
        assertEquals(c.get("lines_read").asLong(), c.get("rejected").asLong() + c.get("out_of_window_skipped").asLong()
                + c.get("other_pair_skipped").asLong() + c.get("accepted").asLong(), "the counts add up");
        assertTrue(report.get("stages").get("canonicalize").get("failed").asBoolean(), report.get("stages").toString());

        assertTrue(report.get("pairs_over_reject_budget").has("demo/home"), report.toString());
        JsonNode demo = report.get("rejected_by_pair").get("demo/home").get("exposures");
        assertEquals(c.get("rejected").asLong() - 6, demo.get("rejected").asLong(), "all but the six lines of no pair");
        for (Iterator<String> it = demo.get("rejected_by_reason").fieldNames(); it.hasNext(); ) {
            String reason = it.next();
            assertTrue(err.contains(reason + "="), reason + " is named: " + err);
        }
        assertEquals(6, report.get("unattributed_rejected").get("exposures").size(), report.toString());
    }
}
