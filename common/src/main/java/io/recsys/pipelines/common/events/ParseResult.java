package io.recsys.pipelines.common.events;

/**
 * Outcome of parsing one raw line: exactly one of {@code event} and {@code rejectReason} is set.
 * A reject is a value, not an exception, so a bad line costs no stack trace in a hot loop.
 *
 * @param event        the normalized event, or {@code null} when rejected
 * @param rejectReason one of the {@link RejectReason} codes, or {@code null} when accepted
 */
public record ParseResult(CanonicalEvent event, String rejectReason) {

    public ParseResult {
        if ((event == null) == (rejectReason == null)) {
            throw new IllegalArgumentException("exactly one of event and rejectReason must be set");
        }
    }

    public static ParseResult accepted(CanonicalEvent event) {
        return new ParseResult(event, null);
    }

    public static ParseResult rejected(String rejectReason) {
        return new ParseResult(null, rejectReason);
    }

    public boolean isAccepted() {
        return event != null;
    }
}
