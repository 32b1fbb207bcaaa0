package io.recsys.pipelines.jobs.generate;

import io.recsys.pipelines.common.pair.TenantSurface;
import static io.recsys.pipelines.jobs.generate.GeneratedData.exposures;
import static io.recsys.pipelines.jobs.generate.GeneratedData.options;
import static io.recsys.pipelines.jobs.generate.GeneratedData.outcomes;
import static io.recsys.pipelines.jobs.generate.GeneratedData.parse;
import static io.recsys.pipelines.jobs.generate.GeneratedData.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventGeneratorTest {
    private static final List<String> EXPOSURE_FIELDS = List.of("ts", "tenant", "surface", "session_id", "item_id");
    private static final List<String> OUTCOME_FIELDS = List.of("ts", "tenant", "surface", "item_id", "event_type");

    @TempDir
    Path dir;

    @Test
    void sameOptionsAndSeedWriteByteIdenticalFiles() throws IOException {
        GeneratorOptions first = options(dir.resolve("a"), 20_000, 2, 0.05);
        GeneratorOptions second = options(dir.resolve("b"), 20_000, 2, 0.05);
        assertEquals(EventGenerator.generate(first), withOut(EventGenerator.generate(second), first.out()));
        for (String stream : List.of("exposures", "outcomes")) {
            for (String day : List.of("2026-01-01.jsonl", "2026-01-02.jsonl")) {
                Path a = first.out().resolve(stream).resolve(day);
                Path b = second.out().resolve(stream).resolve(day);
                assertEquals(-1, Files.mismatch(a, b), a + " and " + b + " differ");
            }
        }
    }

    @Test
    void anotherSeedWritesOtherEvents() throws IOException {
        GeneratorOptions base = options(dir.resolve("a"), 5_000, 1, 0);
        GeneratorOptions reseeded = new GeneratorOptions(dir.resolve("b"), 5_000, 1, base.startDate(),
                base.tenants(), base.surfaces(), base.items(), base.users(), base.seed() + 1, 0);
        EventGenerator.generate(base);
        EventGenerator.generate(reseeded);
        LocalDate day = base.startDate();
        assertTrue(Files.mismatch(EventGenerator.exposuresFile(base.out(), day),
                EventGenerator.exposuresFile(reseeded.out(), day)) >= 0);
    }

    @Test
    void writesOneExposureAndOneOutcomeFilePerDay() throws IOException {
        GeneratorOptions d = GeneratorOptions.defaults(dir);
        GeneratorOptions options = new GeneratorOptions(dir, 3_000, 3, LocalDate.of(2026, 1, 30),
                d.tenants(), d.surfaces(), d.items(), d.users(), d.seed(), 0);
        EventGenerator.generate(options);

        List<String> expected = List.of("2026-01-30.jsonl", "2026-01-31.jsonl", "2026-02-01.jsonl");
        assertEquals(List.of("exposures", "outcomes"), list(dir));
        assertEquals(expected, list(dir.resolve("exposures")));
        assertEquals(expected, list(dir.resolve("outcomes")));
    }

    @Test
    void lineCountsMatchTheSummaryWithEventsSpreadEvenlyOverTheDays() throws IOException {
        GeneratorOptions options = options(dir, 10_001, 3, 0.02);
        GenerationSummary summary = EventGenerator.generate(options);

        List<Integer> validPerDay = new ArrayList<>();
        int lines = 0;
        for (int d = 0; d < 3; d++) {
            List<String> day = GeneratedData.readLines(EventGenerator.exposuresFile(dir, options.startDate().plusDays(d)));
            lines += day.size();
            validPerDay.add((int) day.stream().filter(line -> GeneratedData.badKind(line) == null).count());
        }
        assertEquals(List.of(3_334, 3_334, 3_333), validPerDay, "--events counts valid events; bad lines come on top");
        assertEquals(10_001, summary.goodExposures());
        assertEquals(lines, summary.exposureLines());
        assertEquals(10_001 + summary.badExposureLines(), summary.exposureLines());
        assertEquals(outcomes(options).size(), summary.outcomeLines());
        assertEquals(summary.badExposureLines() + summary.badOutcomeLines(),
                summary.badLinesByKind().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(summary.goodExposures(),
                summary.goodExposuresByTenantSurface().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void everyLineIsAVersionOneObjectWithTheRequiredFieldsAndCountsMatchTheSummary() throws IOException {
        GeneratorOptions options = options(dir, 50_000, 2, 0);
        GenerationSummary summary = EventGenerator.generate(options);

        Map<TenantSurface, Long> perPair = new LinkedHashMap<>();
        summary.goodExposuresByTenantSurface().keySet().forEach(pair -> perPair.put(pair, 0L));
        for (GeneratedData.Line line : exposures(options)) {
            JsonNode node = assertValid(line, EXPOSURE_FIELDS);
            assertTrue(!node.has("rank") || node.get("rank").isInt() && node.get("rank").intValue() >= 0, line.text());
            perPair.merge(new TenantSurface(node.get("tenant").asText(), node.get("surface").asText()), 1L, Long::sum);
        }
        assertEquals(summary.goodExposuresByTenantSurface(), perPair);

        long clicks = 0;
        long conversions = 0;
        for (GeneratedData.Line line : outcomes(options)) {
            JsonNode node = assertValid(line, OUTCOME_FIELDS);
            if (node.get("event_type").asText().equals("click")) {
                clicks++;
                assertFalse(node.has("value"), line.text());
            } else {
                assertEquals("conversion", node.get("event_type").asText(), line.text());
                conversions++;
                assertTrue(node.get("value").isNumber() && node.get("value").doubleValue() > 0, line.text());
            }
        }
        assertEquals(summary.goodClicks(), clicks);
        assertEquals(summary.goodConversions(), conversions);
    }

    @Test
    void someLinesAreWrittenInOtherZonesAndWithFractionsButEveryInstantIsInTheFilesUtcDay() throws IOException {
        GeneratorOptions options = options(dir, 20_000, 2, 0);
        EventGenerator.generate(options);

        int offsets = 0;
        int otherLocalDate = 0;
        int fractions = 0;
        List<GeneratedData.Line> lines = Stream.concat(exposures(options).stream(), outcomes(options).stream()).toList();
        for (GeneratedData.Line line : lines) {
            OffsetDateTime ts = ts(parse(line.text()));
            assertEquals(line.day(), ts.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(), line.text());
            if (!ts.getOffset().equals(ZoneOffset.UTC)) {
                offsets++;
                assertTrue(Set.of("+02:00", "-05:00").contains(ts.getOffset().getId()), line.text());
            }
            if (!ts.toLocalDate().equals(line.day())) {
                otherLocalDate++;
            }
            if (ts.getNano() != 0) {
                fractions++;
            }
        }
        double offsetShare = (double) offsets / lines.size();
        assertTrue(offsetShare > 0.17 && offsetShare < 0.23, "share of lines with an offset: " + offsetShare);
        assertTrue(otherLocalDate > 0, "no line has a local date other than its file's day");
        assertTrue(fractions > lines.size() / 5, "lines with fractional seconds: " + fractions);
    }

    @Test
    void itemPopularityIsZipfSkewed() throws IOException {
        GeneratorOptions options = options(dir, 50_000, 1, 0);
        EventGenerator.generate(options);

        Map<String, Integer> perItem = new HashMap<>();
        for (GeneratedData.Line line : exposures(options)) {
            JsonNode node = parse(line.text());
            if (node.get("tenant").asText().equals("demo")) {
                perItem.merge(node.get("item_id").asText(), 1, Integer::sum);
            }
        }
        List<Integer> counts = new ArrayList<>();
        for (int i = 1; i <= options.items(); i++) {
            counts.add(perItem.getOrDefault(String.format("item-%05d", i), 0));
        }
        int top = counts.get(0);
        int median = counts.stream().sorted().toList().get(counts.size() / 2);
        assertEquals(top, counts.stream().mapToInt(Integer::intValue).max().orElseThrow(), "item-00001 is the most popular");
        assertTrue(top > 50 * Math.max(1, median), "top " + top + " vs median " + median);
        assertEquals(options.items(), perItem.size(), "the long tail is still shown");
    }

    @Test
    void demoHomeAlwaysExistsAndLaterTenantsAndSurfacesAreNumbered() throws IOException {
        GeneratorOptions d = GeneratorOptions.defaults(dir);
        GeneratorOptions one = new GeneratorOptions(dir.resolve("one"), 100, 1, d.startDate(), 1, 1, 10, 10, 7, 0);
        assertEquals(Map.of(new TenantSurface("demo", "home"), 100L),
                EventGenerator.generate(one).goodExposuresByTenantSurface());

        GeneratorOptions many = new GeneratorOptions(dir.resolve("many"), 20_000, 1, d.startDate(), 5, 5, 10, 10, 7, 0);
        Map<TenantSurface, Long> pairs = EventGenerator.generate(many).goodExposuresByTenantSurface();
        assertEquals(25, pairs.size());
        assertTrue(pairs.get(new TenantSurface("tenant5", "surface5")) > 0);
        assertEquals(new TenantSurface("demo", "home"), pairs.entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey(), "demo/home is the busiest pair");
    }

    @Test
    void aboutOnePercentOfExposuresAreClickedAndOneClickInTenConverts() throws IOException {
        GenerationSummary summary = EventGenerator.generate(options(dir, 200_000, 1, 0));

        double clickRate = (double) summary.goodClicks() / summary.exposureLines();
        double conversionRate = (double) summary.goodConversions() / summary.goodClicks();
        assertTrue(clickRate > 0.008 && clickRate < 0.012, "clicks per exposure: " + clickRate);
        assertTrue(conversionRate > 0.07 && conversionRate < 0.13, "conversions per click: " + conversionRate);
        assertEquals(summary.outcomeLines(), summary.goodClicks() + summary.goodConversions());
    }

    @Test
    void aSessionHasOneTenantSurfaceAndUserAscendingTimesAndRanksInPageOrder() throws IOException {
        GeneratorOptions options = options(dir, 50_000, 1, 0);
        GenerationSummary summary = EventGenerator.generate(options);

        Map<String, String> ownerOfSession = new HashMap<>();
        Map<String, OffsetDateTime> lastTs = new HashMap<>();
        Map<String, Integer> nextRankOfRequest = new HashMap<>();
        Map<String, String> sessionOfRequest = new HashMap<>();
        Set<String> anonymous = new HashSet<>();
        for (GeneratedData.Line line : exposures(options)) {
            JsonNode node = parse(line.text());
            String session = node.get("session_id").asText();
            String owner = node.get("tenant").asText() + "/" + node.get("surface").asText() + "/"
                    + node.path("user_id").asText("-");
            assertEquals(ownerOfSession.computeIfAbsent(session, s -> owner), owner, line.text());
            if (!node.has("user_id")) {
                anonymous.add(session);
            }
            OffsetDateTime ts = ts(node);
            OffsetDateTime previous = lastTs.put(session, ts);
            assertTrue(previous == null || ts.isAfter(previous), line.text());
            String request = node.get("request_id").asText();
            assertEquals(sessionOfRequest.computeIfAbsent(request, r -> session), session, line.text());
            int expectedRank = nextRankOfRequest.merge(request, 1, Integer::sum) - 1;
            assertEquals(expectedRank, node.path("rank").asInt(0), line.text());
        }
        assertEquals(summary.sessions(), ownerOfSession.size());
        double anonymousShare = (double) anonymous.size() / ownerOfSession.size();
        assertTrue(anonymousShare > 0.12 && anonymousShare < 0.18, "anonymous sessions: " + anonymousShare);
        assertTrue(nextRankOfRequest.values().stream().allMatch(size -> size >= 1 && size <= 12));
    }

    @Test
    void anOutcomeFollowsAnExposureOfTheSameItemInTheSameSessionAndRequest() throws IOException {
        GeneratorOptions options = options(dir, 50_000, 1, 0);
        EventGenerator.generate(options);

        Map<String, OffsetDateTime> firstExposure = new HashMap<>();
        for (GeneratedData.Line line : exposures(options)) {
            JsonNode node = parse(line.text());
            firstExposure.putIfAbsent(outcomeKey(node), ts(node));
        }
        for (GeneratedData.Line line : outcomes(options)) {
            JsonNode node = parse(line.text());
            OffsetDateTime shown = firstExposure.get(outcomeKey(node));
            assertTrue(shown != null && ts(node).isAfter(shown), line.text());
        }
    }

    private static String outcomeKey(JsonNode node) {
        return String.join("|", node.get("tenant").asText(), node.get("surface").asText(),
                node.get("session_id").asText(), node.path("user_id").asText("-"),
                node.get("request_id").asText(), node.get("item_id").asText());
    }

    private static JsonNode assertValid(GeneratedData.Line line, List<String> requiredFields) {
        assertEquals(null, GeneratedData.badKind(line.text()), line.text());
        JsonNode node = parse(line.text());
        assertTrue(node.isObject(), line.text());
        assertTrue(node.get("v").isInt() && node.get("v").intValue() == 1, line.text());
        for (String field : requiredFields) {
            assertTrue(node.path(field).isTextual() && !node.get(field).asText().isBlank(), field + " in " + line.text());
        }
        return node;
    }

    private static GenerationSummary withOut(GenerationSummary s, Path out) {
        return new GenerationSummary(out, s.startDate(), s.days(), s.sessions(), s.exposureLines(), s.outcomeLines(),
                s.goodClicks(), s.goodConversions(), s.badExposuresByKind(), s.badOutcomesByKind(),
                s.goodExposuresByTenantSurface());
    }

    private static List<String> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
