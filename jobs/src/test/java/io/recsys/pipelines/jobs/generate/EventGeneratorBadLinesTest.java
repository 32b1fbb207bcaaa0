package io.recsys.pipelines.jobs.generate;

import static io.recsys.pipelines.jobs.generate.GeneratedData.badKind;
import static io.recsys.pipelines.jobs.generate.GeneratedData.exposures;
import static io.recsys.pipelines.jobs.generate.GeneratedData.options;
import static io.recsys.pipelines.jobs.generate.GeneratedData.outcomes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventGeneratorBadLinesTest {
    @TempDir
    Path dir;

    @Test
    void badRatioIsRoughlyHonouredInBothStreams() throws IOException {
        GenerationSummary summary = EventGenerator.generate(options(dir, 100_000, 2, 0.05));

        double exposureShare = (double) summary.badExposureLines() / summary.exposureLines();
        double outcomeShare = (double) summary.badOutcomeLines() / summary.outcomeLines();
        assertTrue(exposureShare > 0.045 && exposureShare < 0.055, "bad exposure lines: " + exposureShare);
        assertTrue(outcomeShare > 0.03 && outcomeShare < 0.07, "bad outcome lines: " + outcomeShare);
    }

    @Test
    void badLineCountsPerKindAndStreamMatchTheLinesWritten() throws IOException {
        GeneratorOptions options = options(dir, 60_000, 2, 0.08);
        GenerationSummary summary = EventGenerator.generate(options);

        Map<BadLineKind, Long> exposureKinds = kindsIn(exposures(options));
        Map<BadLineKind, Long> outcomeKinds = kindsIn(outcomes(options));
        assertEquals(summary.badExposureLines(), total(exposureKinds));
        assertEquals(summary.badOutcomeLines(), total(outcomeKinds));
        for (BadLineKind kind : BadLineKind.values()) {
            assertEquals(summary.badLinesByKind().get(kind),
                    exposureKinds.getOrDefault(kind, 0L) + outcomeKinds.getOrDefault(kind, 0L), kind.name());
        }
        assertEquals(0L, outcomeKinds.getOrDefault(BadLineKind.NEGATIVE_RANK, 0L),
                "a rank on an outcome would just be an ignored key");
        assertRotation(exposureKinds, BadLineKind.values().length);
        assertRotation(outcomeKinds, BadLineKind.values().length - 1);
    }

    @Test
    void aBadLineReplacesOneLineAndLeavesTheOthersAsTheyWere() throws IOException {
        GeneratorOptions clean = options(dir.resolve("clean"), 20_000, 1, 0);
        GeneratorOptions dirty = options(dir.resolve("dirty"), 20_000, 1, 0.1);
        EventGenerator.generate(clean);
        GenerationSummary summary = EventGenerator.generate(dirty);

        assertReplacedLineByLine(exposures(clean), exposures(dirty), summary.badExposureLines());
        assertReplacedLineByLine(outcomes(clean), outcomes(dirty), summary.badOutcomeLines());
    }

    @Test
    void noBadLinesByDefault() throws IOException {
        GeneratorOptions options = GeneratorOptions.defaults(dir);
        GenerationSummary summary = EventGenerator.generate(options);

        assertEquals(0, summary.badLines());
        assertEquals(Map.of(), kindsIn(exposures(options)));
        assertEquals(Map.of(), kindsIn(outcomes(options)));
    }

    @Test
    void everyKindNamesTheRejectReasonOfTheContract() {
        Map<BadLineKind, String> expected = new EnumMap<>(Map.of(
                BadLineKind.MALFORMED_JSON, "malformed_json",
                BadLineKind.VERSION_AS_STRING, "bad_type:v",
                BadLineKind.UNSUPPORTED_VERSION, "bad_version",
                BadLineKind.MISSING_ITEM_ID, "missing_field:item_id",
                BadLineKind.TS_WITHOUT_OFFSET, "bad_ts",
                BadLineKind.NEGATIVE_RANK, "negative_rank",
                BadLineKind.BLANK_LINE, "blank_line",
                BadLineKind.JSON_ARRAY, "not_object"));
        for (BadLineKind kind : BadLineKind.values()) {
            assertEquals(expected.get(kind), kind.rejectReason(), kind.name());
        }
    }

    private static void assertReplacedLineByLine(List<GeneratedData.Line> clean, List<GeneratedData.Line> dirty, long bad) {
        assertEquals(clean.size(), dirty.size());
        long replaced = 0;
        for (int i = 0; i < clean.size(); i++) {
            String expected = clean.get(i).text();
            String actual = dirty.get(i).text();
            if (!expected.equals(actual)) {
                assertNotNull(badKind(actual), "line " + (i + 1) + " changed but is not bad: " + actual);
                replaced++;
            }
        }
        assertEquals(bad, replaced);
        assertNotEquals(0, replaced);
    }

    /** The kinds take turns, so within a stream no kind has more than one line more than another. */
    private static void assertRotation(Map<BadLineKind, Long> kinds, int kindsInRotation) {
        assertEquals(kindsInRotation, kinds.size(), kinds.toString());
        long min = kinds.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = kinds.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(max - min <= 1, kinds.toString());
    }

    private static Map<BadLineKind, Long> kindsIn(List<GeneratedData.Line> lines) {
        Map<BadLineKind, Long> kinds = new EnumMap<>(BadLineKind.class);
        for (GeneratedData.Line line : lines) {
            BadLineKind kind = badKind(line.text());
            if (kind != null) {
                kinds.merge(kind, 1L, Long::sum);
            }
        }
        return kinds;
    }

    private static long total(Map<BadLineKind, Long> kinds) {
        return kinds.values().stream().mapToLong(Long::longValue).sum();
    }
}
