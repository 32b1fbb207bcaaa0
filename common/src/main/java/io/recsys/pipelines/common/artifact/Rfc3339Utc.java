package io.recsys.pipelines.common.artifact;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The one timestamp form artifacts use: RFC 3339, UTC, whole seconds ({@code 2026-01-01T00:00:00Z}). */
public final class Rfc3339Utc {
    private Rfc3339Utc() {
    }

    /** Drops sub-second precision: the service and the original tool only ever write whole seconds. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
