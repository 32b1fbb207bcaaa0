package io.recsys.pipelines.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventModelTest {

    private static final CanonicalEvent EVENT =
            new CanonicalEvent(0L, "t", "s", "sess", "i", null, null, 0, null, null);

    @Test
    void parseResultHoldsExactlyOneOfEventAndReason() {
        assertTrue(ParseResult.accepted(EVENT).isAccepted());
        assertFalse(ParseResult.rejected(RejectReason.BLANK_LINE).isAccepted());
        assertThrows(IllegalArgumentException.class, () -> new ParseResult(null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ParseResult(EVENT, RejectReason.BAD_TS, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ParseResult(EVENT, null, "t", "s", null));
        assertThrows(IllegalArgumentException.class, () -> new ParseResult(null, RejectReason.BAD_TS, "t", null, null));
        assertThrows(IllegalArgumentException.class, () -> new ParseResult(null, RejectReason.BAD_TS, null, null, 1L));
    }

    @Test
    void fieldReasonCodesCarryTheJsonKey() {
        assertEquals("missing_field:session_id", RejectReason.missingField("session_id"));
        assertEquals("bad_type:rank", RejectReason.badType("rank"));
        assertEquals("bad_value:tenant", RejectReason.badValue("tenant"));
    }
}
