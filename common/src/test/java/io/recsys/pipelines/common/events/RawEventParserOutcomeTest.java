package io.recsys.pipelines.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawEventParserOutcomeTest {

    private final RawEventParser parser = new RawEventParser();

    private CanonicalEvent accept(Lines lines) {
        ParseResult result = parser.parse(lines.line(), EventType.OUTCOME);
        assertTrue(result.isAccepted(), () -> "rejected with " + result.rejectReason() + ": " + lines.line());
        return result.event();
    }

    private String reject(Lines lines) {
        ParseResult result = parser.parse(lines.line(), EventType.OUTCOME);
        assertNull(result.event(), () -> "accepted: " + lines.line());
        return result.rejectReason();
    }

    @Test
    void validOutcomeIsNormalized() {
        CanonicalEvent event = accept(Lines.outcome()
                .with("event_type", "\"conversion\"").with("value", "12.5").with("user_id", "\" u1 \"")
                .with("session_id", "\"s1\"").with("request_id", "\"r1\""));
        long ts = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2026-01-01T08:00:00Z"));
        assertEquals(new CanonicalEvent(ts, "demo", "home", "s1", "A", "u1", "r1", 0, "conversion", 12.5), event);
    }

    @Test
    void sessionIdIsOptionalForOutcomes() {
        assertNull(accept(Lines.outcome()).sessionId());
        assertNull(accept(Lines.outcome().with("session_id", "null")).sessionId());
        assertNull(accept(Lines.outcome().with("session_id", "\" \"")).sessionId());
        assertEquals("bad_type:session_id", reject(Lines.outcome().with("session_id", "5")));
    }

    @Test
    void sharedRulesApplyToOutcomesToo() {
        assertEquals("bad_type:v", reject(Lines.outcome().with("v", "1.0")));
        assertEquals(RejectReason.BAD_VERSION, reject(Lines.outcome().with("v", "2")));
        assertEquals(RejectReason.BAD_TS, reject(Lines.outcome().with("ts", "\"2026-01-01\"")));
        assertEquals("missing_field:item_id", reject(Lines.outcome().without("item_id")));
        assertEquals("bad_value:tenant", reject(Lines.outcome().with("tenant", "\"a/b\"")));
    }

    @Test
    void eventTypeIsTrimmedAndMustBeClickOrConversion() {
        assertSame(CanonicalEvent.CLICK, accept(Lines.outcome().with("event_type", "\" click \"")).eventType());
        assertSame(CanonicalEvent.CONVERSION, accept(Lines.outcome().with("event_type", "\"conversion\"")).eventType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"Click\"", "\"CLICK\"", "\"purchase\"", "\"click,conversion\"", "\"clicks\""})
    void otherEventTypeIsBadEventType(String eventType) {
        assertEquals(RejectReason.BAD_EVENT_TYPE, reject(Lines.outcome().with("event_type", eventType)));
    }

    @Test
    void missingOrBlankEventTypeIsMissingField() {
        assertEquals("missing_field:event_type", reject(Lines.outcome().without("event_type")));
        assertEquals("missing_field:event_type", reject(Lines.outcome().with("event_type", "null")));
        assertEquals("missing_field:event_type", reject(Lines.outcome().with("event_type", "\" \"")));
        assertEquals("bad_type:event_type", reject(Lines.outcome().with("event_type", "1")));
    }

    @Test
    void valueAcceptsIntegerAndFloatNumbers() {
        assertEquals(12.0, accept(Lines.outcome().with("value", "12")).value());
        assertEquals(0.1, accept(Lines.outcome().with("value", "0.1")).value());
        assertEquals(-2.5e-3, accept(Lines.outcome().with("value", "-2.5E-3")).value());
        assertEquals(1e20, accept(Lines.outcome().with("value", "100000000000000000000")).value());
    }

    @Test
    void missingOrNullValueIsNull() {
        assertNull(accept(Lines.outcome()).value());
        assertNull(accept(Lines.outcome().with("value", "null")).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"12.5\"", "\"\"", "true", "[1]", "{\"amount\":1}", "1e400"})
    void valueThatIsNotAFiniteNumberIsBadType(String value) {
        assertEquals("bad_type:value", reject(Lines.outcome().with("value", value)));
    }

    @Test
    void rankIsIgnoredOnOutcomes() {
        assertEquals(0, accept(Lines.outcome().with("rank", "-1")).rank());
    }

    @Test
    void eventTypeIsCheckedBeforeValue() {
        assertEquals(RejectReason.BAD_EVENT_TYPE,
                reject(Lines.outcome().with("value", "\"x\"").with("event_type", "\"view\"")));
        assertEquals("bad_type:request_id",
                reject(Lines.outcome().with("value", "\"x\"").with("event_type", "\"view\"").with("request_id", "[]")));
    }
}
