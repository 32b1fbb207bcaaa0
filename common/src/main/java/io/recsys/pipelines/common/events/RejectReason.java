package io.recsys.pipelines.common.events;

/**
 * Reason codes written to the rejects dataset and counted per reason in the run report
 * (contract 1.3). These strings are part of the output format: do not rename them.
 */
public final class RejectReason {
    /**
     * Longer than {@code limits.max_line_bytes}: the line reader marks it and it is never parsed (nor held
     * whole), so it names no pair.
     */
    public static final String LINE_TOO_LONG = "line_too_long";
    /** Empty line, or only whitespace. */
    public static final String BLANK_LINE = "blank_line";
    /** Not valid JSON, or something other than whitespace after the top-level value. */
    public static final String MALFORMED_JSON = "malformed_json";
    /** Valid JSON whose top-level value is not an object. */
    public static final String NOT_OBJECT = "not_object";
    /** {@code v} is a JSON integer other than 1. */
    public static final String BAD_VERSION = "bad_version";
    /** {@code ts} is a string but not RFC 3339 with an offset. */
    public static final String BAD_TS = "bad_ts";
    /** {@code rank} is a JSON integer below 0. */
    public static final String NEGATIVE_RANK = "negative_rank";
    /** Outcome {@code event_type} is neither {@code click} nor {@code conversion}. */
    public static final String BAD_EVENT_TYPE = "bad_event_type";

    private static final String MISSING_FIELD_PREFIX = "missing_field:";
    private static final String BAD_TYPE_PREFIX = "bad_type:";
    private static final String BAD_VALUE_PREFIX = "bad_value:";

    private RejectReason() {
    }

    /** Required field absent, JSON null, or a string that is empty after trimming. */
    public static String missingField(String field) {
        return MISSING_FIELD_PREFIX + field;
    }

    /** Field present with the wrong JSON type. */
    public static String badType(String field) {
        return BAD_TYPE_PREFIX + field;
    }

    /** Tenant or surface that cannot be used as a storage path segment. */
    public static String badValue(String field) {
        return BAD_VALUE_PREFIX + field;
    }
}
