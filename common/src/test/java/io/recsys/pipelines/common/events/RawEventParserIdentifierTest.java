package io.recsys.pipelines.common.events;

import io.recsys.pipelines.common.storage.Identifiers;
import io.recsys.pipelines.common.text.GoStrings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, point 1: tenant and surface are identifiers (they become folders of every store), and
 * ids have a length limit. A line that breaks either is a bad line like any other.
 */
class RawEventParserIdentifierTest {
    private final RawEventParser parser = new RawEventParser();

    private String reject(RawEventParser p, Lines lines, EventType type) {
        ParseResult result = p.parse(lines.line(), type);
        assertNull(result.event(), () -> "accepted: " + lines.line());
        return result.rejectReason();
    }

    private String reject(Lines lines) {
        return reject(parser, lines, EventType.EXPOSURE);
    }

    private CanonicalEvent accept(RawEventParser p, Lines lines) {
        ParseResult result = p.parse(lines.line(), EventType.EXPOSURE);
        assertTrue(result.isAccepted(), () -> "rejected with " + result.rejectReason() + ": " + lines.line());
        return result.event();
    }

    @ParameterizedTest
    @ValueSource(strings = {"registry", "current", "history", "records", "rejected", "checkpoints", "locks",
            "__HIVE_DEFAULT_PARTITION__", "Registry", "CURRENT", "file:", "a:b", "../x", "..", ".hidden", "-x",
            "a b", "tenant=x", "a@b", "caf\u00e9", "a%2fb", "s3a:"})
    void namesTheLayoutCannotKeepApartAreBadValues(String name) {
        assertEquals("bad_value:tenant", reject(Lines.exposure().with("tenant", json(name))));
        assertEquals("bad_value:surface", reject(Lines.exposure().with("surface", json(name))));
        assertEquals("bad_value:tenant", reject(parser, Lines.outcome().with("tenant", json(name)), EventType.OUTCOME));
    }

    @Test
    void namesLongerThan64CharactersAreBadValues() {
        assertEquals("bad_value:tenant", reject(Lines.exposure().with("tenant", json("t".repeat(300)))));
        assertEquals("bad_value:surface", reject(Lines.exposure().with("surface", json("s".repeat(65)))));
        assertEquals("t".repeat(64), accept(parser, Lines.exposure().with("tenant", json("t".repeat(64)))).tenant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "acme.eu", "a_b-c.1", "A", "0", "x..y", "home_v2"})
    void ordinaryNamesAreAccepted(String name) {
        CanonicalEvent event = accept(parser, Lines.exposure().with("tenant", json(name)).with("surface", json(name)));
        assertEquals(name, event.tenant());
        assertEquals(name, event.surface());
    }

    @Test
    void namesOtherStorageRootsTakeUnderTheObjectStoreAreReservedToo() {
        RawEventParser minio = new RawEventParser(new Identifiers(Set.of("raw", "canonical"), 512));
        assertEquals("bad_value:tenant", reject(minio, Lines.exposure().with("tenant", json("raw")), EventType.EXPOSURE));
        assertEquals("bad_value:tenant", reject(minio, Lines.exposure().with("tenant", json("Canonical")), EventType.EXPOSURE));
        assertEquals("raw", accept(parser, Lines.exposure().with("tenant", json("raw"))).tenant(),
                "only a layout that puts raw/ under the object store reserves it");
    }

    @Test
    void idsOverTheLimitAreBadValuesCountedInUtf8Bytes() {
        assertEquals("bad_value:item_id", reject(Lines.exposure().with("item_id", json("i".repeat(513)))));
        assertEquals("i".repeat(512), accept(parser, Lines.exposure().with("item_id", json("i".repeat(512)))).itemId());
        // "é" is two UTF-8 bytes: 257 of them are 514 bytes, over the limit, though only 257 characters.
        assertEquals("bad_value:item_id", reject(Lines.exposure().with("item_id", json("\u00e9".repeat(257)))));
        assertEquals("bad_value:user_id", reject(Lines.exposure().with("user_id", json("u".repeat(513)))));
        assertEquals("bad_value:session_id", reject(Lines.exposure().with("session_id", json("s".repeat(513)))));
        assertEquals("bad_value:session_id",
                reject(parser, Lines.outcome().with("session_id", json("s".repeat(513))), EventType.OUTCOME));
        RawEventParser tight = new RawEventParser(new Identifiers(Set.of(), 8));
        assertEquals("bad_value:item_id", reject(tight, Lines.exposure().with("item_id", json("123456789")), EventType.EXPOSURE));
        assertEquals("12345678", accept(tight, Lines.exposure().with("item_id", json("12345678"))).itemId());
    }

    @Test
    void requestIdsOverTheLimitAreBadValuesToo() {
        assertEquals("bad_value:request_id", reject(Lines.exposure().with("request_id", json("r".repeat(513)))));
        assertEquals("bad_value:request_id",
                reject(parser, Lines.outcome().with("request_id", json("r".repeat(513))), EventType.OUTCOME));
        assertEquals("bad_value:request_id",
                reject(Lines.exposure().with("request_id", json("\u00e9".repeat(257)))), "counted in UTF-8 bytes");
        assertEquals("r".repeat(512), accept(parser, Lines.exposure().with("request_id", json("r".repeat(512)))).requestId());
        RawEventParser tight = new RawEventParser(new Identifiers(Set.of(), 8));
        assertEquals("bad_value:request_id",
                reject(tight, Lines.exposure().with("request_id", json("123456789")), EventType.EXPOSURE));
    }

    /** C0 controls, DEL and the C1 controls U+0080-U+009F; NUL is what PostgreSQL text cannot hold at all. */
    @ParameterizedTest
    @ValueSource(chars = {'\u0000', '\u0001', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085',
            '\u009b', '\u009f'})
    void idsHoldingAControlCharacterAreBadValues(char control) {
        for (String id : new String[] {"a" + control + "b", control + "ab", "ab" + control + "ab"}) {
            if (GoStrings.isSpace(id.charAt(0))) {
                id = "a" + id; // white space at the ends is trimmed, not judged
            }
            for (String field : new String[] {"session_id", "item_id", "user_id", "request_id"}) {
                assertEquals("bad_value:" + field, reject(Lines.exposure().with(field, escaped(id))), field);
                assertEquals("bad_value:" + field,
                        reject(parser, Lines.outcome().with(field, escaped(id)), EventType.OUTCOME), field);
            }
        }
    }

    @Test
    void rawDelAndC1ControlsNeedNoEscapeInJsonAndAreBadValuesToo() {
        assertEquals("bad_value:item_id", reject(Lines.exposure().with("item_id", "\"a\u007fb\"")));
        assertEquals("bad_value:user_id", reject(Lines.exposure().with("user_id", "\"a\u0085b\"")));
    }

    @Test
    void controlCharactersAreJudgedAfterTrimmingAndNoOtherCharacterCounts() {
        // Go's TrimSpace takes \t \n \v \f \r and U+0085 at the ends, as for every id.
        assertEquals("s", accept(parser, Lines.exposure().with("session_id", escaped("\t s\r\n\u0085"))).sessionId());
        // Printable non-ASCII, non-breaking and line-separator spaces inside, a surrogate pair: not controls.
        for (String id : new String[] {"caf\u00e9", "a\u00a0b", "a\u00a0\u00a1", "a\u2028b", "a\ud83d\ude00b", "~"}) {
            assertEquals(id, accept(parser, Lines.exposure().with("item_id", escaped(id))).itemId());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\u0000demo", "demo\u0000", "de\u007fmo", "a\u0085b", "a\tb", "a\u009fb"})
    void tenantsAndSurfacesHoldingAControlCharacterAreBadValues(String name) {
        assertEquals("bad_value:tenant", reject(Lines.exposure().with("tenant", escaped(name))));
        assertEquals("bad_value:surface", reject(Lines.exposure().with("surface", escaped(name))));
        assertEquals("bad_value:tenant", reject(parser, Lines.outcome().with("tenant", escaped(name)), EventType.OUTCOME));
    }

    @Test
    void aControlCharacterIsReportedInTheDocumentedFieldOrder() {
        String nul = escaped("a\u0000b");
        assertEquals("bad_value:session_id",
                reject(Lines.exposure().with("session_id", nul).with("item_id", json("i".repeat(600)))));
        assertEquals("bad_value:item_id", reject(Lines.exposure().with("item_id", nul).with("user_id", nul)));
        assertEquals("bad_value:request_id", reject(Lines.exposure().with("request_id", nul).with("rank", "-1")));
        assertEquals("bad_value:request_id",
                reject(parser, Lines.outcome().with("request_id", nul).with("event_type", json("view")), EventType.OUTCOME));
        assertEquals("bad_type:item_id", reject(Lines.exposure().with("item_id", "1").with("user_id", nul)));
        assertEquals("bad_value:surface", reject(Lines.exposure().with("surface", nul).with("session_id", nul)));
    }

    @Test
    void aTenantProblemIsReportedBeforeAnIdProblem() {
        assertEquals("bad_value:tenant", reject(Lines.exposure().with("tenant", json("a:b")).with("item_id", json("i".repeat(600)))));
    }

    @Test
    void theRuleTravelsToExecutorsAsASerializableValue() throws Exception {
        Identifiers rule = new Identifiers(Set.of("raw"), 100);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(rule);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Identifiers copy = (Identifiers) in.readObject();
            assertEquals(rule, copy);
            assertTrue(!copy.isValid("raw") && copy.idTooLong("x".repeat(101)) && !copy.isValidId("x".repeat(101))
                    && !copy.isValidId("a\u0000b") && copy.isValidId("ab"));
        }
    }

    /** A JSON string literal with every char below U+0020 and from U+007F to U+009F written as an escape. */
    private static String escaped(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
