package io.recsys.pipelines.common.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoJsonWriterTest {

    @Test
    void writesCompactJsonWithAutomaticCommas() {
        String json = new GoJsonWriter().beginObject()
                .name("a").value(1)
                .name("b").beginArray().value("x").value(-2).valueNull().value(true).value(false).endArray()
                .name("c").beginObject().name("d").beginArray().endArray().endObject()
                .name("e").beginArray().beginObject().endObject().beginObject().name("f").value(0).endObject().endArray()
                .endObject()
                .toString();
        assertEquals("{\"a\":1,\"b\":[\"x\",-2,null,true,false],\"c\":{\"d\":[]},\"e\":[{},{\"f\":0}]}", json);
    }

    @Test
    void keepsKeysInWriteOrder() {
        String json = new GoJsonWriter().beginObject().name("z").value(1).name("a").value(2).endObject().toString();
        assertEquals("{\"z\":1,\"a\":2}", json);
    }

    @Test
    void writesLongExtremesInPlainDecimal() {
        String json = new GoJsonWriter().beginArray().value(Long.MAX_VALUE).value(Long.MIN_VALUE).endArray().toString();
        assertEquals("[9223372036854775807,-9223372036854775808]", json);
    }

    @Test
    void toBytesIsUtf8OfToString() {
        GoJsonWriter w = new GoJsonWriter().value("\u65e5\u672c");
        assertArrayEquals("\"\u65e5\u672c\"".getBytes(StandardCharsets.UTF_8), w.toBytes());
    }

    @Test
    void rejectsValueWithoutNameInObject() {
        GoJsonWriter w = new GoJsonWriter().beginObject();
        assertThrows(IllegalStateException.class, () -> w.value("x"));
    }

    @Test
    void rejectsNameOutsideObjectOrTwiceInARow() {
        assertThrows(IllegalStateException.class, () -> new GoJsonWriter().beginArray().name("a"));
        assertThrows(IllegalStateException.class, () -> new GoJsonWriter().beginObject().name("a").name("b"));
    }

    @Test
    void rejectsMismatchedOrDanglingEnds() {
        assertThrows(IllegalStateException.class, () -> new GoJsonWriter().beginObject().endArray());
        assertThrows(IllegalStateException.class, () -> new GoJsonWriter().beginArray().endObject());
        assertThrows(IllegalStateException.class, () -> new GoJsonWriter().beginObject().name("a").endObject());
    }

    @Test
    void rejectsIncompleteOrEmptyDocumentAndSecondTopLevelValue() {
        assertThrows(IllegalStateException.class, () -> new GoJsonWriter().beginObject().toBytes());
        assertThrows(IllegalStateException.class, () -> new GoJsonWriter().toBytes());
        assertThrows(IllegalStateException.class, () -> new GoJsonWriter().value(1).value(2));
    }

    @Test
    void rejectsNullStringValue() {
        assertThrows(IllegalArgumentException.class, () -> new GoJsonWriter().value((String) null));
    }
}
