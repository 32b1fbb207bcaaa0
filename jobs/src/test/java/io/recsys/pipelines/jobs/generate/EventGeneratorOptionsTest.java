package io.recsys.pipelines.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventGeneratorOptionsTest {
    private static final Path OUT = Path.of("out");
    private static final GeneratorOptions D = GeneratorOptions.defaults(OUT);

    @Test
    void defaultsAreSmallAndClean() {
        assertEquals(new GeneratorOptions(OUT, 10_000, 1, LocalDate.of(2026, 1, 1), 2, 2, 500, 1_000, 42, 0.0), D);
    }

    @Test
    void tenantsAndSurfacesHaveKnownNamesFirstThenNumberedOnes() {
        GeneratorOptions six = new GeneratorOptions(OUT, 1, 1, D.startDate(), 6, 5, 1, 1, 1, 0);
        assertEquals(List.of("demo", "acme", "globex", "initech", "tenant5", "tenant6"), six.tenantNames());
        assertEquals(List.of("home", "pdp", "cart", "search", "surface5"), six.surfaceNames());
    }

    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                invalid("--out is required", d -> new GeneratorOptions(null, 1, 1, d.startDate(), 1, 1, 1, 1, 1, 0)),
                invalid("--events must be > 0", d -> new GeneratorOptions(OUT, 0, 1, d.startDate(), 1, 1, 1, 1, 1, 0)),
                invalid("--days must be > 0", d -> new GeneratorOptions(OUT, 1, 0, d.startDate(), 1, 1, 1, 1, 1, 0)),
                invalid("--start-date is required", d -> new GeneratorOptions(OUT, 1, 1, null, 1, 1, 1, 1, 1, 0)),
                invalid("--tenants must be > 0", d -> new GeneratorOptions(OUT, 1, 1, d.startDate(), -1, 1, 1, 1, 1, 0)),
                invalid("--surfaces must be > 0", d -> new GeneratorOptions(OUT, 1, 1, d.startDate(), 1, 0, 1, 1, 1, 0)),
                invalid("--items must be > 0", d -> new GeneratorOptions(OUT, 1, 1, d.startDate(), 1, 1, 0, 1, 1, 0)),
                invalid("--users must be > 0", d -> new GeneratorOptions(OUT, 1, 1, d.startDate(), 1, 1, 1, 0, 1, 0)),
                invalid("--bad-ratio must be >= 0 and < 1", d -> new GeneratorOptions(OUT, 1, 1, d.startDate(), 1, 1, 1, 1, 1, 1.0)),
                invalid("--bad-ratio must be >= 0 and < 1", d -> new GeneratorOptions(OUT, 1, 1, d.startDate(), 1, 1, 1, 1, 1, -0.1)),
                invalid("--bad-ratio must be >= 0 and < 1", d -> new GeneratorOptions(OUT, 1, 1, d.startDate(), 1, 1, 1, 1, 1, Double.NaN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOptions")
    void anInvalidOptionIsRejectedNamingItsFlag(String message, Function<GeneratorOptions, GeneratorOptions> build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build.apply(D));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void theSummaryDescribesCountsAndBadKindsInOneParagraph(@TempDir Path dir) throws IOException {
        GeneratorOptions options = new GeneratorOptions(dir, 20_000, 2, D.startDate(), 2, 2, 500, 1_000, 42, 0.01);
        GenerationSummary summary = EventGenerator.generate(options);
        String text = summary.describe();

        assertTrue(text.startsWith("wrote " + dir + " (exposures/ and outcomes/, one file per day): 2 day(s) from "
                + "2026-01-01, 4 (tenant, surface) pairs"), text);
        assertTrue(text.contains(String.format("exposures: %,d lines = 20,000 valid events + %,d bad lines (",
                summary.exposureLines(), summary.badExposureLines())), text);
        assertTrue(text.contains("bad_type:v "), text);
        assertTrue(text.contains("malformed_json "), text);
        assertFalse(text.contains("version_as_string"), "kinds are named by the pipeline's reason codes: " + text);
        assertEquals(4, text.lines().count(), text);
    }

    private static Arguments invalid(String message, Function<GeneratorOptions, GeneratorOptions> build) {
        return Arguments.of(message, build);
    }
}
