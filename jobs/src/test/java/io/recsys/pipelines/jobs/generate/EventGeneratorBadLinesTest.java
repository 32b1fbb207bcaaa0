package io.recsys.pipelines.jobs.generate;

import static io.recsys.pipelines.jobs.generate.GeneratedData.badKind;
import static io.recsys.pipelines.jobs.generate.GeneratedData.exposures;
import static io.recsys.pipelines.jobs.generate.GeneratedData.options;
import static io.recsys.pipelines.jobs.generate.GeneratedData.outcomes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import io.recsys.pipelines.common.events.CanonicalEvent;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.events.ParseResult;
import io.recsys.pipelines.common.events.RawEventParser;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
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
            assertEquals(summary.badExposuresByKind().get(kind), exposureKinds.getOrDefault(kind, 0L), kind.name());
            assertEquals(summary.badOutcomesByKind().get(kind), outcomeKinds.getOrDefault(kind, 0L), kind.name());
            assertEquals(summary.badLinesByKind().get(kind),
                    exposureKinds.getOrDefault(kind, 0L) + outcomeKinds.getOrDefault(kind, 0L), kind.name());
        }
        assertEquals(0L, outcomeKinds.getOrDefault(BadLineKind.NEGATIVE_RANK, 0L),
                "a rank on an outcome would just be an ignored key");
        assertEquals(0L, exposureKinds.getOrDefault(BadLineKind.UNKNOWN_EVENT_TYPE, 0L), "exposures have no event type");
        assertRotation(exposureKinds, BadLineKind.values().length - 1);
        assertRotation(outcomeKinds, BadLineKind.values().length - 1);
    }

    @Test
    void badLinesComeOnTopOfTheEventsAndLeaveEveryValidLineAsItWas() throws IOException {
        GeneratorOptions clean = options(dir.resolve("clean"), 20_000, 1, 0);
        GeneratorOptions dirty = options(dir.resolve("dirty"), 20_000, 1, 0.1);
        GenerationSummary cleanSummary = EventGenerator.generate(clean);
        GenerationSummary summary = EventGenerator.generate(dirty);

        assertAddedBetweenTheValidLines(exposures(clean), exposures(dirty), summary.badExposureLines());
        assertAddedBetweenTheValidLines(outcomes(clean), outcomes(dirty), summary.badOutcomeLines());
        assertEquals(20_000, summary.goodExposures());
        assertEquals(cleanSummary.goodOutcomes(), summary.goodOutcomes());
        assertEquals(cleanSummary.goodExposuresByTenantSurface(), summary.goodExposuresByTenantSurface());
    }

    @Test
    void thePipelinesParserRejectsEveryBadLineUnderTheReasonTheSummaryNames() throws IOException {
        GeneratorOptions options = options(dir, 30_000, 2, 0.05);
        GenerationSummary summary = EventGenerator.generate(options);

        assertEquals(summary.exposures(), parsed(exposures(options), EventType.EXPOSURE));
        assertEquals(summary.outcomes(), parsed(outcomes(options), EventType.OUTCOME));
        assertEquals(Set.of("malformed_json", "bad_type:v", "bad_version", "missing_field:item_id", "bad_ts",
                "negative_rank", "blank_line", "not_object", "bad_value:tenant"), summary.exposures().rejectedByReason().keySet());
        assertTrue(summary.outcomes().rejectedByReason().containsKey("bad_event_type"), summary.outcomes().toString());
    }

    /** What the pipeline's own parser makes of the lines, with no duplicates among the accepted events. */
    private static GenerationSummary.StreamCounts parsed(List<GeneratedData.Line> lines, EventType type) {
        RawEventParser parser = new RawEventParser();
        Map<String, Long> reasons = new TreeMap<>();
        Set<CanonicalEvent> accepted = new HashSet<>();
        long acceptedLines = 0;
        for (GeneratedData.Line line : lines) {
            ParseResult result = parser.parse(line.text(), type);
            if (result.isAccepted()) {
                acceptedLines++;
                accepted.add(result.event());
            } else {
                reasons.merge(result.rejectReason(), 1L, Long::sum);
            }
        }
        return new GenerationSummary.StreamCounts(lines.size(), reasons, acceptedLines - accepted.size(), acceptedLines);
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
                BadLineKind.JSON_ARRAY, "not_object",
                BadLineKind.TENANT_WITH_SLASH, "bad_value:tenant",
                BadLineKind.UNKNOWN_EVENT_TYPE, "bad_event_type"));
        for (BadLineKind kind : BadLineKind.values()) {
            assertEquals(expected.get(kind), kind.rejectReason(), kind.name());
        }
    }

    private static void assertAddedBetweenTheValidLines(List<GeneratedData.Line> clean, List<GeneratedData.Line> dirty,
                                                        long bad) {
        assertNotEquals(0, bad);
        assertEquals(clean.size() + bad, dirty.size());
        List<GeneratedData.Line> withoutBad = dirty.stream().filter(line -> badKind(line.text()) == null).toList();
        assertEquals(clean, withoutBad);
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
