package io.recsys.pipelines.jobs.generate;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.pipelines.jobs.cli.Main;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `generate` speaks the pipeline's language (issue 14, point 6): its summary predicts exactly what a
 * run over the generated days counts, per stream and per reject reason.
 */
@ExtendWith(SharedSpark.class)
class GeneratedCountsPredictTheRunTest {
    @TempDir
    Path tmp;

    @Test
    void theSummaryPredictsTheRunReportsCountsExactly() throws IOException {
        Path events = tmp.resolve("events");
        LocalDate start = LocalDate.of(2026, 1, 1);
        GenerationSummary summary = EventGenerator.generate(new GeneratorOptions(events, 3_000, 2, start, 2, 2, 200, 300,
                7, 0.04));
        Workspace ws = new Workspace(tmp.resolve("ws"));
        List<String> args = new ArrayList<>(List.of("run", "--start", "2026-01-01", "--end", "2026-01-02",
                "--kinds", "popularity",
                "--set", "input.exposures=" + events.resolve("exposures/{date}.jsonl"),
                "--set", "input.outcomes=" + events.resolve("outcomes/{date}.jsonl"),
                "--set", "limits.max_reject_ratio=0.2", "--set", "limits.max_unattributed_ratio=0.2"));
        args.addAll(ws.storageArgs());

        assertEquals(0, Main.execute(args.toArray(String[]::new)));

        JsonNode report = ws.lastReport();
        assertStream(summary.exposures(), report.get("events").get("exposures"));
        assertStream(summary.outcomes(), report.get("events").get("outcomes"));
        Map<String, Long> perPair = new TreeMap<>();
        summary.goodExposuresByTenantSurface().forEach((pair, n) -> {
            if (n > 0) {
                perPair.put(pair.tenant() + "/" + pair.surface(), n);
            }
        });
        Map<String, Long> reported = new TreeMap<>();
        report.get("events_by_pair").fields().forEachRemaining(e -> reported.put(e.getKey(), e.getValue().get("exposures").asLong()));
        assertEquals(perPair, reported);
        assertTrue(summary.exposures().rejected() > 0 && summary.outcomes().linesRead() > 0, summary.describe());
    }

    private static void assertStream(GenerationSummary.StreamCounts expected, JsonNode actual) {
        assertEquals(expected.linesRead(), actual.get("lines_read").asLong(), actual.toString());
        Map<String, Long> reasons = new TreeMap<>();
        actual.get("rejected_by_reason").fields().forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().asLong()));
        assertEquals(expected.rejectedByReason(), reasons);
        assertEquals(expected.duplicates(), actual.get("duplicates_dropped").asLong());
        assertEquals(expected.accepted(), actual.get("accepted").asLong());
        assertEquals(0, actual.get("out_of_window_skipped").asLong());
        assertEquals(0, actual.get("other_pair_skipped").asLong());
    }
}
