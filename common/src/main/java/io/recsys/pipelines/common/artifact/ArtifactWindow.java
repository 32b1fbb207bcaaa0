package io.recsys.pipelines.common.artifact;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The half-open time range [start, end) an artifact was built from. Bounds must be whole seconds
 * because they are written as RFC 3339 without fractions and hashed; truncating silently would
 * make two different windows hash the same.
 */
public record ArtifactWindow(Instant start, Instant end) {
    public ArtifactWindow {
        Objects.requireNonNull(start, "window start");
        Objects.requireNonNull(end, "window end");
        if (start.getNano() != 0 || end.getNano() != 0) {
            throw new IllegalArgumentException("window bounds must be whole seconds: " + start + ".." + end);
        }
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("window start must be before end: " + start + ".." + end);
        }
    }

    /** The window of {@code days} days ending on {@code endDay}: [endDay-days+1 00:00Z, endDay+1 00:00Z). */
    public static ArtifactWindow ofDays(LocalDate endDay, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("window must cover at least one day, got " + days);
        }
        return new ArtifactWindow(
                endDay.minusDays(days - 1L).atStartOfDay(ZoneOffset.UTC).toInstant(),
                endDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
