package io.recsys.pipelines.jobs.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Options and readers shared by the generator tests; reads the files back with Jackson, independently of the generator. */
final class GeneratedData {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private GeneratedData() {
    }

    /** The defaults with the given size and bad ratio. */
    static GeneratorOptions options(Path out, long events, int days, double badRatio) {
        GeneratorOptions d = GeneratorOptions.defaults(out);
        return new GeneratorOptions(out, events, days, d.startDate(), d.tenants(), d.surfaces(), d.items(),
                d.users(), d.seed(), badRatio);
    }

    /** One line of a generated file, with the day of its file. */
    record Line(LocalDate day, String text) {
    }

    static List<Line> exposures(GeneratorOptions options) {
        return lines(options, true);
    }

    static List<Line> outcomes(GeneratorOptions options) {
        return lines(options, false);
    }

    private static List<Line> lines(GeneratorOptions options, boolean exposures) {
        List<Line> lines = new ArrayList<>();
        for (int d = 0; d < options.days(); d++) {
            LocalDate day = options.startDate().plusDays(d);
            Path file = exposures
                    ? EventGenerator.exposuresFile(options.out(), day)
                    : EventGenerator.outcomesFile(options.out(), day);
            for (String text : readLines(file)) {
                lines.add(new Line(day, text));
            }
        }
        return lines;
    }

    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a line known to be good. */
    static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    /**
     * Which kind of bad line this is, judged from the text alone by the rules of contract
     * section 1; null for a line those rules accept.
     */
    static BadLineKind badKind(String line) {
        if (line.isBlank()) {
            return BadLineKind.BLANK_LINE;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return BadLineKind.MALFORMED_JSON;
        }
        if (node.isArray()) {
            return BadLineKind.JSON_ARRAY;
        }
        if (node.path("v").isTextual()) {
            return BadLineKind.VERSION_AS_STRING;
        }
        if (!node.path("v").isInt() || node.get("v").intValue() != 1) {
            return BadLineKind.UNSUPPORTED_VERSION;
        }
        try {
            OffsetDateTime.parse(node.path("ts").asText());
        } catch (DateTimeParseException e) {
            return BadLineKind.TS_WITHOUT_OFFSET;
        }
        if (node.path("tenant").asText().contains("/")) {
            return BadLineKind.TENANT_WITH_SLASH;
        }
        if (!node.hasNonNull("item_id")) {
            return BadLineKind.MISSING_ITEM_ID;
        }
        if (node.path("rank").asInt(0) < 0) {
            return BadLineKind.NEGATIVE_RANK;
        }
        if (node.has("event_type") && !List.of("click", "conversion").contains(node.get("event_type").asText())) {
            return BadLineKind.UNKNOWN_EVENT_TYPE;
        }
        return null;
    }

    /** The UTC instant of a good line. */
    static OffsetDateTime ts(JsonNode node) {
        return OffsetDateTime.parse(node.get("ts").asText());
    }
}
