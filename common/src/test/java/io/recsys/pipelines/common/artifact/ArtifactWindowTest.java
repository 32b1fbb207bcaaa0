package io.recsys.pipelines.common.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ArtifactWindowTest {

    @Test
    void oneDayWindowCoversThatUtcDay() {
        ArtifactWindow window = ArtifactWindow.ofDays(LocalDate.of(2026, 1, 1), 1);
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), window.start());
        assertEquals(Instant.parse("2026-01-02T00:00:00Z"), window.end());
    }

    @Test
    void multiDayWindowEndsAfterTheEndDayAndSpansMonthBoundaries() {
        ArtifactWindow window = ArtifactWindow.ofDays(LocalDate.of(2026, 3, 2), 7);
        assertEquals(Instant.parse("2026-02-24T00:00:00Z"), window.start());
        assertEquals(Instant.parse("2026-03-03T00:00:00Z"), window.end());
    }

    @Test
    void rejectsEmptyOrInvertedOrSubSecondWindows() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThrows(IllegalArgumentException.class, () -> ArtifactWindow.ofDays(LocalDate.of(2026, 1, 1), 0));
        assertThrows(IllegalArgumentException.class, () -> new ArtifactWindow(t, t));
        assertThrows(IllegalArgumentException.class, () -> new ArtifactWindow(t.plusSeconds(1), t));
        assertThrows(IllegalArgumentException.class, () -> new ArtifactWindow(t, t.plusMillis(1500)));
    }

    @Test
    void timestampsAreWrittenAsRfc3339UtcWholeSeconds() {
        assertEquals("2026-01-01T00:00:00Z", Rfc3339Utc.format(Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals("2026-01-02T03:04:05Z", Rfc3339Utc.format(Instant.parse("2026-01-02T03:04:05.999999Z")));
    }
}
