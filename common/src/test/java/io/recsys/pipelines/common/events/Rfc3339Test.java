package io.recsys.pipelines.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

    private static long micros(String isoInstant) {
        return micros(Instant.parse(isoInstant));
    }

    // Not ChronoUnit.MICROS.between: it goes through nanos and overflows for early years.
    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    @Test
    void utcTimestampConvertsToEpochMicros() {
        assertEquals(micros("2026-01-01T08:00:00Z"), Rfc3339.toEpochMicros("2026-01-01T08:00:00Z"));
        assertEquals(0L, Rfc3339.toEpochMicros("1970-01-01T00:00:00Z"));
    }

    @Test
    void positiveOffsetMovesBackToThePreviousUtcDay() {
        assertEquals(micros("2026-01-01T21:30:00Z"), Rfc3339.toEpochMicros("2026-01-01T23:30:00+02:00"));
        assertEquals(micros("2025-12-31T23:30:00Z"), Rfc3339.toEpochMicros("2026-01-01T01:30:00+02:00"));
    }

    @Test
    void negativeOffsetMovesForwardToTheNextUtcDay() {
        assertEquals(micros("2026-01-01T01:30:00Z"), Rfc3339.toEpochMicros("2025-12-31T23:30:00-02:00"));
        assertEquals(micros("2026-03-01T05:29:00Z"), Rfc3339.toEpochMicros("2026-02-28T23:59:00-05:30"));
    }

    @Test
    void extremeButValidOffsetsAreAccepted() {
        assertEquals(micros("2025-12-31T00:01:00Z"), Rfc3339.toEpochMicros("2026-01-01T00:00:00+23:59"));
        assertEquals(micros("2026-01-01T00:00:00Z"), Rfc3339.toEpochMicros("2026-01-01T00:00:00-00:00"));
    }

    @Test
    void fractionIsTruncatedToMicrosNotRounded() {
        long base = micros("2026-01-01T00:00:00Z");
        assertEquals(base + 500_000, Rfc3339.toEpochMicros("2026-01-01T00:00:00.5Z"));
        assertEquals(base + 123_456, Rfc3339.toEpochMicros("2026-01-01T00:00:00.123456Z"));
        assertEquals(base + 123_456, Rfc3339.toEpochMicros("2026-01-01T00:00:00.1234569Z"));
        assertEquals(base + 999_999, Rfc3339.toEpochMicros("2026-01-01T00:00:00.999999999Z"));
        assertEquals(base + 10, Rfc3339.toEpochMicros("2026-01-01T00:00:00.00001+00:00"));
    }

    @Test
    void beforeTheEpochTruncationStillDropsOnlyTheSubMicroDigits() {
        assertEquals(-500_000L, Rfc3339.toEpochMicros("1969-12-31T23:59:59.5Z"));
        assertEquals(-1L, Rfc3339.toEpochMicros("1969-12-31T23:59:59.9999999Z"));
    }

    @Test
    void fourDigitYearBoundsAreAccepted() {
        assertEquals(micros("0000-01-01T00:00:00Z"), Rfc3339.toEpochMicros("0000-01-01T00:00:00Z"));
        assertEquals(micros("9999-12-31T23:59:59.999999Z"),
                Rfc3339.toEpochMicros("9999-12-31T23:59:59.999999999Z"));
    }

    @Test
    void february29IsValidOnlyInLeapYears() {
        assertEquals(micros("2024-02-29T00:00:00Z"), Rfc3339.toEpochMicros("2024-02-29T00:00:00Z"));
        assertEquals(micros("2000-02-29T00:00:00Z"), Rfc3339.toEpochMicros("2000-02-29T00:00:00Z"));
        assertEquals(Rfc3339.INVALID, Rfc3339.toEpochMicros("2025-02-29T00:00:00Z"));
        assertEquals(Rfc3339.INVALID, Rfc3339.toEpochMicros("1900-02-29T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-01-01T00:00:00", // no offset
        "2026-01-01t00:00:00Z", // lowercase t
        "2026-01-01T00:00:00z", // lowercase z
        "2026-01-01 00:00:00Z", // space separator
        "2026-00-01T00:00:00Z", "2026-13-01T00:00:00Z", // month
        "2026-01-00T00:00:00Z", "2026-01-32T00:00:00Z", "2026-04-31T00:00:00Z", // day
        "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z", "2026-01-01T00:00:60Z", // clock, no leap second
        "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00+02:60", // offset range
        "2026-01-01T00:00:00+0200", "2026-01-01T00:00:00+02", "2026-01-01T00:00:00+02:00:00",
        "2026-01-01T00:00:00 +02:00", "2026-01-01T00:00:00*02:00",
        "2026-01-01T00:00:00.Z", // fraction without digits
        "2026-01-01T00:00:00,5Z", // comma fraction
        "2026-1-01T00:00:00Z", "26-01-01T00:00:00Z", "+026-01-01T00:00:00Z", "2026-0a-01T00:00:00Z",
        "2026-01-01T00:00:00ZZ", "2026-01-01T00:00:00Z ", " 2026-01-01T00:00:00Z",
        "2026-01-01", "", "Z"
    })
    void invalidTimestampsAreRejected(String value) {
        assertEquals(Rfc3339.INVALID, Rfc3339.toEpochMicros(value));
    }

    @Test
    void agreesWithJavaTimeOnRandomValidTimestamps() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            int year = random.nextInt(10_000);
            int month = 1 + random.nextInt(12);
            int day = 1 + random.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth());
            StringBuilder s = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d",
                    year, month, day, random.nextInt(24), random.nextInt(60), random.nextInt(60)));
            int fractionDigits = random.nextInt(10);
            if (fractionDigits > 0) {
                s.append('.');
                for (int d = 0; d < fractionDigits; d++) {
                    s.append((char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextBoolean()) {
                s.append('Z');
            } else {
                s.append(random.nextBoolean() ? '+' : '-')
                        .append(String.format("%02d:%02d", random.nextInt(18), random.nextInt(60)));
            }
            Instant expected = OffsetDateTime.parse(s).toInstant().truncatedTo(ChronoUnit.MICROS);
            assertEquals(micros(expected), Rfc3339.toEpochMicros(s.toString()),
                    s.toString());
        }
    }

    @org.junit.jupiter.api.Test
    void fractionsLongerThanNanosecondsAreTruncatedLikeGo() {
        assertEquals(Rfc3339.toEpochMicros("2026-01-01T00:00:00.123456Z"),
                Rfc3339.toEpochMicros("2026-01-01T00:00:00.1234567890123Z"));
    }
}
