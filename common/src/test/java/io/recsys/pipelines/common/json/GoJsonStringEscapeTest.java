package io.recsys.pipelines.common.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoJsonStringEscapeTest {

    @Test
    void plainAsciiIsWrittenAsIs() {
        assertEquals("\"item-42_A b.c/d\"", GoJson.quote("item-42_A b.c/d"));
    }

    @Test
    void quoteAndBackslashAreBackslashEscaped() {
        assertEquals("\"a\\\"b\\\\c\"", GoJson.quote("a\"b\\c"));
    }

    @Test
    void fiveControlCharactersUseShortEscapes() {
        assertEquals("\"\\b\\f\\n\\r\\t\"", GoJson.quote("\b\f\n\r\t"));
    }

    @Test
    void otherControlCharactersUseLowercaseUnicodeEscapes() {
        assertEquals("\"\\u0000\\u0001\\u000b\\u001b\\u001f\"", GoJson.quote("\u0000\u0001\u000b\u001b\u001f"));
    }

    @Test
    void htmlCharactersAreUnicodeEscaped() {
        assertEquals("\"\\u003cb\\u003e\\u0026amp;\"", GoJson.quote("<b>&amp;"));
    }

    @Test
    void javascriptLineTerminatorsAreEscaped() {
        assertEquals("\"a\\u2028b\\u2029c\"", GoJson.quote("a\u2028b\u2029c"));
    }

    @Test
    void deleteAndSpaceAreNotEscaped() {
        assertEquals("\"\u007f \"", GoJson.quote("\u007f "));
    }

    @Test
    void nonAsciiIsWrittenAsRawUtf8() {
        String id = "caf\u00e9-\u65e5\u672c-\ud83d\ude00-\u00a0-\ufffd";
        GoJsonWriter w = new GoJsonWriter().value(id);
        assertArrayEquals(("\"" + id + "\"").getBytes(StandardCharsets.UTF_8), w.toBytes());
        assertEquals(4, "\ud83d\ude00".getBytes(StandardCharsets.UTF_8).length, "emoji is one 4-byte UTF-8 sequence");
    }

    @Test
    void loneSurrogatesBecomeEscapedReplacementCharacter() {
        assertEquals("\"a\\ufffdb\\ufffd\"", GoJson.quote("a\ud800b\ude00"));
        assertEquals("\"\\ufffd\\ufffd\"", GoJson.quote("\ude00\ud83d"), "reversed pair is two lone surrogates");
    }

    @Test
    void namesAreEscapedLikeValues() {
        String json = new GoJsonWriter().beginObject().name("<k>").value("v").endObject().toString();
        assertEquals("{\"\\u003ck\\u003e\":\"v\"}", json);
    }
}
