package io.recsys.pipelines.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A rejected line counts against its own (tenant, surface) whenever it names both validly. */
class RawEventParserAttributionTest {
    private final RawEventParser parser = new RawEventParser();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"v\":1,\"ts\":\"yesterday\",\"tenant\":\"acme\",\"surface\":\"home\",\"session_id\":\"s\",\"item_id\":\"A\"}",
        "{\"v\":2,\"ts\":\"2026-01-01T00:00:00Z\",\"tenant\":\"acme\",\"surface\":\"home\",\"session_id\":\"s\",\"item_id\":\"A\"}",
        "{\"ts\":\"2026-01-01T00:00:00Z\",\"tenant\":\" acme \",\"surface\":\"home\",\"item_id\":\"A\"}",
        "{\"v\":1,\"ts\":\"2026-01-01T00:00:00Z\",\"tenant\":\"acme\",\"surface\":\"home\",\"session_id\":\"s\",\"rank\":-1}"})
    void aLineWithAValidTenantAndSurfaceIsAttributedWhateverElseIsWrong(String line) {
        ParseResult result = parser.parse(line, EventType.EXPOSURE);
        assertFalse(result.isAccepted());
        assertTrue(result.isAttributed(), result::toString);
        assertEquals("acme", result.tenant());
        assertEquals("home", result.surface());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1]", "{\"v\":1} x",
        "{\"v\":1,\"ts\":\"2026-01-01T00:00:00Z\",\"surface\":\"home\",\"session_id\":\"s\",\"item_id\":\"A\"}",
        "{\"v\":1,\"ts\":\"2026-01-01T00:00:00Z\",\"tenant\":\"acme\",\"session_id\":\"s\",\"item_id\":\"A\"}",
        "{\"v\":1,\"ts\":\"2026-01-01T00:00:00Z\",\"tenant\":\"ac/me\",\"surface\":\"home\",\"session_id\":\"s\",\"item_id\":\"A\"}",
        "{\"v\":1,\"ts\":\"2026-01-01T00:00:00Z\",\"tenant\":7,\"surface\":\"home\",\"session_id\":\"s\",\"item_id\":\"A\"}",
        "{\"v\":\"x\",\"tenant\":\"acme\",\"surface\":\"registry\"}"})
    void aLineWithoutAValidTenantAndSurfaceBelongsToNoPair(String line) {
        ParseResult result = parser.parse(line, EventType.EXPOSURE);
        assertFalse(result.isAccepted());
        assertFalse(result.isAttributed(), result::toString);
        assertNull(result.surface());
    }

    @Test
    void anAcceptedLineCarriesItsPairInTheEventOnly() {
        ParseResult result = parser.parse("{\"v\":1,\"ts\":\"2026-01-01T00:00:00Z\",\"tenant\":\"acme\","
                + "\"surface\":\"home\",\"session_id\":\"s\",\"item_id\":\"A\"}", EventType.EXPOSURE);
        assertTrue(result.isAccepted());
        assertFalse(result.isAttributed());
        assertEquals("acme", result.event().tenant());
    }
}
