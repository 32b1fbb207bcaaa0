package io.recsys.pipelines.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoJsonFloatFormatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1.0, 1",
            "100, 100",
            "-3, -3",
            "0, 0",
            "-0.0, -0",
            "9007199254740992, 9007199254740992",
            "9007199254740994, 9007199254740994",
            // 2^53+1 is not a float64; it parses to 2^53.
            "9007199254740993, 9007199254740992",
            "1e20, 100000000000000000000",
            "123456789012345680000, 123456789012345680000",
            "9.999999999999999e20, 999999999999999900000",
    })
    void wholeNumbersHaveNoFraction(double value, String expected) {
        assertEquals(expected, GoJson.formatFloat(value));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0.1, 0.1",
            "0.3, 0.3",
            "4.35, 4.35",
            "1.5, 1.5",
            "-2.25, -2.25",
            "2e-3, 0.002",
            "0.1234567890123, 0.1234567890123",
            "0.30000000000000004, 0.30000000000000004",
            "1.7976931348623157e308, 1.7976931348623157e+308",
    })
    void fractionsUseShortestRoundTripDigits(double value, String expected) {
        assertEquals(expected, GoJson.formatFloat(value));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // Java 17's Double.toString gives 9.999999999999999E22 and 2.82879384806159008E17 here.
            "1.0E23, 1e+23",
            "2.82879384806159e17, 282879384806159000",
    })
    void digitsAreShortestWhereJava17DoubleToStringIsNot(double value, String expected) {
        assertEquals(expected, GoJson.formatFloat(value));
    }

    @Test
    void powerOfTwoAtAsymmetricIntervalPicksTheNeighbourThatRoundTrips() {
        // 2^-1017: the nearest 16-digit decimal (...044) lies outside the narrower lower
        // half-interval, so Go (and this formatter) picks the upper neighbour.
        assertEquals("7.120236347223045e-307", GoJson.formatFloat(Math.scalb(1.0, -1017)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0.000001, 0.000001",
            "0.0000015, 0.0000015",
            "9.99999999999999e-7, 9.99999999999999e-7",
            "1e-7, 1e-7",
            "-1e-7, -1e-7",
            "1.5e-7, 1.5e-7",
            "1e-10, 1e-10",
            "5e-324, 5e-324",
            "1e21, 1e+21",
            "-1e21, -1e+21",
            "1.2345e25, 1.2345e+25",
            "1e100, 1e+100",
    })
    void exponentFormOnlyBelowOneMillionthOrFrom1e21(double value, String expected) {
        assertEquals(expected, GoJson.formatFloat(value));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nanAndInfinityAreRejectedLikeGo(double value) {
        assertThrows(IllegalArgumentException.class, () -> GoJson.formatFloat(value));
        assertThrows(IllegalArgumentException.class, () -> new GoJsonWriter().value(value));
    }

    @Test
    void writerUsesGoFloatFormatting() {
        String json = new GoJsonWriter().beginArray().value(1.0).value(0.5).value(1e-7).value(1e21).endArray().toString();
        assertEquals("[1,0.5,1e-7,1e+21]", json);
    }
}
