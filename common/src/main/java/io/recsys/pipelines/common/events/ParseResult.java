package io.recsys.pipelines.common.events;

/**
 * Outcome of parsing one raw line: exactly one of {@code event} and {@code rejectReason} is set.
 * A reject is a value, not an exception, so a bad line costs no stack trace in a hot loop.
 *
 * @param event        the normalized event, or {@code null} when rejected
 * @param rejectReason one of the {@link RejectReason} codes, or {@code null} when accepted
 * @param tenant       of a rejected line: its tenant when the line names a valid tenant and a valid
 *                     surface (the line counts against that pair's reject budget), else {@code null}
 *                     (the line cannot be attributed); of an accepted line always {@code null}
 * @param surface      of a rejected line: its surface, set exactly when {@code tenant} is
 * @param tsMicros     of an attributed rejected line: its valid timestamp (the day it is quarantined
 *                     under), or {@code null} when its {@code ts} is not valid; else {@code null}
 */
public record ParseResult(CanonicalEvent event, String rejectReason, String tenant, String surface, Long tsMicros) {

    public ParseResult {
        if ((event == null) == (rejectReason == null)) {
            throw new IllegalArgumentException("exactly one of event and rejectReason must be set");
        }
        if ((tenant == null) != (surface == null) || (event != null && tenant != null) || (tenant == null && tsMicros != null)) {
            throw new IllegalArgumentException("a rejected line is attributed to a tenant and a surface, or to neither");
        }
    }

    public static ParseResult accepted(CanonicalEvent event) {
        return new ParseResult(event, null, null, null, null);
    }

    /** A line that cannot be attributed to a (tenant, surface). */
    public static ParseResult rejected(String rejectReason) {
        return new ParseResult(null, rejectReason, null, null, null);
    }

    /** A line of a known (tenant, surface) that breaks another rule. */
    public static ParseResult rejected(String rejectReason, String tenant, String surface, Long tsMicros) {
        return new ParseResult(null, rejectReason, tenant, surface, tsMicros);
    }

    /** Whether a rejected line names its (tenant, surface). */
    public boolean isAttributed() {
        return tenant != null;
    }

    public boolean isAccepted() {
        return event != null;
    }
}
