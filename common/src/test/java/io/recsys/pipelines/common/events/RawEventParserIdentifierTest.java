package io.recsys.pipelines.common.events;

import io.recsys.pipelines.common.storage.Identifiers;
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
            assertTrue(!copy.isValid("raw") && copy.idTooLong("x".repeat(101)));
        }
    }

    private static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
