package io.recsys.pipelines.common.events;

import io.recsys.pipelines.common.storage.Identifiers;
import io.recsys.pipelines.common.text.GoStrings;
import static io.recsys.pipelines.common.events.EventField.EVENT_TYPE;
import static io.recsys.pipelines.common.events.EventField.ITEM_ID;
import static io.recsys.pipelines.common.events.EventField.RANK;
import static io.recsys.pipelines.common.events.EventField.REQUEST_ID;
import static io.recsys.pipelines.common.events.EventField.SESSION_ID;
import static io.recsys.pipelines.common.events.EventField.SURFACE;
import static io.recsys.pipelines.common.events.EventField.TENANT;
import static io.recsys.pipelines.common.events.EventField.TS;
import static io.recsys.pipelines.common.events.EventField.USER_ID;
import static io.recsys.pipelines.common.events.EventField.V;
import static io.recsys.pipelines.common.events.EventField.VALUE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Arrays;

/**
 * The single definition of the raw event rules of contract 1.1 (exposures) and 1.2 (outcomes):
 * turns one JSONL line into a {@link CanonicalEvent} or a {@link RejectReason} code.
 *
 * <p>When a line breaks several rules, the reported reason is the first in this order:
 * <ol>
 *   <li>{@code line_too_long}, which the line reader decides before any parse (a line over
 *       {@code limits.max_line_bytes} never reaches this class), then {@code blank_line},
 *       {@code malformed_json} (anywhere in the line, including trailing
 *       non-whitespace after the top-level value), {@code not_object};</li>
 *   <li>then field by field, in the order {@code v}, {@code ts}, {@code tenant}, {@code surface},
 *       {@code session_id}, {@code item_id}, {@code user_id}, {@code request_id}, {@code rank}
 *       (exposures only), {@code event_type}, {@code value} (outcomes only). Within one field only
 *       one reason can apply: {@code missing_field:}, {@code bad_type:}, or the field's own check
 *       ({@code bad_version}, {@code bad_ts}, {@code bad_value:}, {@code negative_rank},
 *       {@code bad_event_type}).</li>
 * </ol>
 * Tenant and surface must be identifiers ({@link Identifiers}: they become storage path segments),
 * and session, item, user and request ids at most {@code limits.max_id_bytes} long and free of
 * control characters (C0, DEL and C1: {@link Identifiers#isValidId}); otherwise
 * {@code bad_value:<field>}, whatever the run mode. Ids are judged after trimming, so white space controls
 * at either end ({@code \t}, {@code \n}, U+0085, ...) are trimmed, not rejected.
 * The whole line is read before any field is judged, so the reason does not depend on key order.
 * Unknown keys (with any nested content) are ignored; for a duplicate key the last occurrence
 * wins, as with Go's {@code encoding/json}. Whitespace trimming follows Go's
 * {@code strings.TrimSpace}; {@code ts} itself is not trimmed (RFC 3339 has no surrounding spaces).
 *
 * <p>Built for a per-line hot loop: Jackson streaming from one shared {@link JsonFactory}, no tree
 * model, no exception for a valid line. An instance keeps per-line scratch state, so it is
 * <b>not thread-safe</b>: use one per thread (one per Spark partition is fine).
 */
public final class RawEventParser {

    /** Go's {@code encoding/json} nesting limit, instead of Jackson's lower default. */
    private static final int GO_MAX_NESTING_DEPTH = 10_000;

    /**
     * Thread-safe and owns the shared field-name table, so one per JVM. Jackson's number-length
     * limit is lifted because Go has none: only the fields read here ever get converted.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(GO_MAX_NESTING_DEPTH)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .build())
            .build();

    /** Longest int literal: sign and 10 digits. Longer ones are out of range without parsing. */
    private static final int MAX_INT_LITERAL_LENGTH = 11;

    // Last occurrence of each field on the current line (null token = absent). Text is kept for
    // strings and numbers, whose literal is converted only if the field is judged.
    private final JsonToken[] tokens = new JsonToken[EventField.COUNT];
    private final String[] texts = new String[EventField.COUNT];

    // Converted values, set by the checks below as they pass: trimmed strings (null when absent or
    // blank) by field, then the typed ones.
    private final String[] ids = new String[EventField.COUNT];
    private final Identifiers rules;
    private long tsMicros;
    private int rank;
    private String eventType;
    private Double value;

    /** The identifier rule without config-derived reserved names, and the default id length limit. */
    public RawEventParser() {
        this(Identifiers.DEFAULT);
    }

    /** {@code rules} carries the reserved names of the run's storage layout and limits.max_id_bytes. */
    public RawEventParser(Identifiers rules) {
        this.rules = rules;
    }

    /**
     * A rejected line is attributed to its (tenant, surface) when it is a JSON object whose tenant and
     * surface are both valid, whatever else is wrong with it (a bad {@code ts}, a missing item): the
     * line then counts against that pair's reject budget and is quarantined under it. Lines that are not
     * JSON objects, or lack a valid tenant or surface, belong to no pair.
     */
    public ParseResult parse(String line, EventType type) {
        String reason = read(line, type);
        if (reason != null) {
            return ParseResult.rejected(reason);
        }
        reason = firstViolation(type);
        if (reason == null) {
            return ParseResult.accepted(toEvent(type));
        }
        if (pathSegment(TENANT) != null || pathSegment(SURFACE) != null) {
            return ParseResult.rejected(reason);
        }
        return ParseResult.rejected(reason, ids[TENANT.ordinal()], ids[SURFACE.ordinal()],
                timestamp() == null ? tsMicros : null);
    }

    /** Fills the field slots from the whole line; returns a reason only for line-level problems. */
    private String read(String line, EventType type) {
        if (GoStrings.isBlank(line)) {
            return RejectReason.BLANK_LINE;
        }
        Arrays.fill(tokens, null);
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return parser.nextToken() == null ? RejectReason.NOT_OBJECT : RejectReason.MALFORMED_JSON;
            }
            String key;
            while ((key = parser.nextFieldName()) != null) {
                JsonToken token = parser.nextToken();
                EventField field = EventField.forKey(key, type);
                if (field != null) {
                    tokens[field.ordinal()] = token;
                    texts[field.ordinal()] =
                            token == JsonToken.VALUE_STRING || token.isNumeric() ? parser.getText() : null;
                }
                parser.skipChildren(); // no-op for scalars; still validates nested syntax
            }
            return parser.nextToken() == null ? null : RejectReason.MALFORMED_JSON;
        } catch (IOException e) {
            return RejectReason.MALFORMED_JSON;
        }
    }

    private String firstViolation(EventType type) {
        boolean exposure = type == EventType.EXPOSURE;
        String reason = version();
        if (reason == null) reason = timestamp();
        if (reason == null) reason = pathSegment(TENANT);
        if (reason == null) reason = pathSegment(SURFACE);
        if (reason == null) reason = boundedId(SESSION_ID, exposure ? requiredId(SESSION_ID) : optionalId(SESSION_ID));
        if (reason == null) reason = boundedId(ITEM_ID, requiredId(ITEM_ID));
        if (reason == null) reason = boundedId(USER_ID, optionalId(USER_ID));
        if (reason == null) reason = boundedId(REQUEST_ID, optionalId(REQUEST_ID));
        if (exposure) {
            if (reason == null) reason = rank();
        } else {
            if (reason == null) reason = eventType();
            if (reason == null) reason = value();
        }
        return reason;
    }

    private CanonicalEvent toEvent(EventType type) {
        boolean exposure = type == EventType.EXPOSURE;
        return new CanonicalEvent(tsMicros, ids[TENANT.ordinal()], ids[SURFACE.ordinal()],
                ids[SESSION_ID.ordinal()], ids[ITEM_ID.ordinal()], ids[USER_ID.ordinal()],
                ids[REQUEST_ID.ordinal()], exposure ? rank : 0, exposure ? null : eventType,
                exposure ? null : value);
    }

    private String version() {
        JsonToken token = tokens[V.ordinal()];
        if (isAbsent(token)) {
            return V.missing;
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            return V.badType; // 1.0 and "1" are not the integer 1
        }
        // A JSON integer literal has no leading zeros or '+', so 1 has exactly one spelling.
        return "1".equals(texts[V.ordinal()]) ? null : RejectReason.BAD_VERSION;
    }

    private String timestamp() {
        String reason = requiredId(TS);
        if (reason != null) {
            return reason;
        }
        tsMicros = Rfc3339.toEpochMicros(texts[TS.ordinal()]);
        return tsMicros == Rfc3339.INVALID ? RejectReason.BAD_TS : null;
    }

    /**
     * Tenant and surface become storage path segments ({@code tenant=<t>/surface=<s>/...}, blob keys,
     * registry files): the identifier rule, with the run's reserved names.
     */
    private String pathSegment(EventField field) {
        String reason = requiredId(field);
        if (reason != null) {
            return reason;
        }
        return rules.isValid(ids[field.ordinal()]) ? null : field.badValue;
    }

    /**
     * An id that passed its presence and type checks ({@code reason} null) must also fit
     * limits.max_id_bytes and hold no control character (a NUL cannot even be stored in PostgreSQL text).
     */
    private String boundedId(EventField field, String reason) {
        if (reason != null) {
            return reason;
        }
        String id = ids[field.ordinal()];
        return id != null && !rules.isValidId(id) ? field.badValue : null;
    }

    private String rank() {
        JsonToken token = tokens[RANK.ordinal()];
        if (isAbsent(token)) {
            rank = 0;
            return null;
        }
        String literal = texts[RANK.ordinal()];
        if (token != JsonToken.VALUE_NUMBER_INT || literal.length() > MAX_INT_LITERAL_LENGTH) {
            return RANK.badType;
        }
        // Jackson has checked the syntax: an optional '-', then digits.
        boolean negative = literal.charAt(0) == '-';
        long parsed = 0;
        for (int i = negative ? 1 : 0; i < literal.length(); i++) {
            parsed = parsed * 10 + (literal.charAt(i) - '0');
        }
        parsed = negative ? -parsed : parsed;
        if (parsed > Integer.MAX_VALUE || parsed < Integer.MIN_VALUE) {
            return RANK.badType;
        }
        if (parsed < 0) {
            return RejectReason.NEGATIVE_RANK;
        }
        rank = (int) parsed;
        return null;
    }

    private String eventType() {
        String reason = requiredId(EVENT_TYPE);
        if (reason != null) {
            return reason;
        }
        String trimmed = ids[EVENT_TYPE.ordinal()];
        // Keep the constants, not the line's copy, so millions of events share two strings.
        eventType = CanonicalEvent.CLICK.equals(trimmed) ? CanonicalEvent.CLICK
                : CanonicalEvent.CONVERSION.equals(trimmed) ? CanonicalEvent.CONVERSION : null;
        return eventType == null ? RejectReason.BAD_EVENT_TYPE : null;
    }

    private String value() {
        JsonToken token = tokens[VALUE.ordinal()];
        if (isAbsent(token)) {
            value = null;
            return null;
        }
        if (!token.isNumeric()) {
            return VALUE.badType;
        }
        double parsed = Double.parseDouble(texts[VALUE.ordinal()]);
        if (Double.isInfinite(parsed)) {
            return VALUE.badType; // beyond float64, which Go's decoder rejects too
        }
        value = parsed;
        return null;
    }

    /** {@code missing_field} when absent/null/blank, {@code bad_type} when not a string. */
    private String requiredId(EventField field) {
        String reason = optionalId(field);
        if (reason == null && ids[field.ordinal()] == null) {
            return field.missing;
        }
        return reason;
    }

    /**
     * {@code bad_type} when present with a type other than string or null; otherwise stores the
     * trimmed string in {@link #ids}, or {@code null} when absent, null or blank.
     */
    private String optionalId(EventField field) {
        int slot = field.ordinal();
        JsonToken token = tokens[slot];
        ids[slot] = null;
        if (token == JsonToken.VALUE_STRING) {
            String trimmed = GoStrings.trimSpace(texts[slot]);
            ids[slot] = trimmed.isEmpty() ? null : trimmed;
            return null;
        }
        return isAbsent(token) ? null : field.badType;
    }

    private static boolean isAbsent(JsonToken token) {
        return token == null || token == JsonToken.VALUE_NULL;
    }
}
