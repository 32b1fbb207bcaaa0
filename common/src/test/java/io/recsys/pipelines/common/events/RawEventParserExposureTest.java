package io.recsys.pipelines.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawEventParserExposureTest {

    private final RawEventParser parser = new RawEventParser();

    private CanonicalEvent accept(String line) {
        ParseResult result = parser.parse(line, EventType.EXPOSURE);
        assertTrue(result.isAccepted(), () -> "rejected with " + result.rejectReason() + ": " + line);
        return result.event();
    }

    private String reject(String line) {
        ParseResult result = parser.parse(line, EventType.EXPOSURE);
        assertNull(result.event(), () -> "accepted: " + line);
        return result.rejectReason();
    }

    private String reject(Lines lines) {
        return reject(lines.line());
    }

    @Test
    void validExposureIsNormalized() {
        CanonicalEvent event = accept("{\"v\": 1, \"ts\": \"2026-01-01T08:00:00Z\", \"tenant\": \"demo\","
                + " \"surface\": \"home\", \"session_id\": \"s1\", \"item_id\": \"A\", \"rank\": 2,"
                + " \"user_id\": \"u1\", \"request_id\": \"r1\"}");
        long ts = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2026-01-01T08:00:00Z"));
        assertEquals(new CanonicalEvent(ts, "demo", "home", "s1", "A", "u1", "r1", 2, null, null), event);
    }

    // ---- line level -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t \r", "\u00a0\u3000"})
    void emptyOrWhitespaceLineIsBlankLine(String line) {
        assertEquals(RejectReason.BLANK_LINE, reject(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"v\":1,}", "{'v':1}", "{\"v\":01}", "nul", "{\"v\":1} x",
        "{\"v\":1}{}", "{\"v\":1}]", "[1] x", "{\"v\":1 /* c */}", "{\"x\":{\"y\":[1,}}", "\ufeff{\"v\":1}",
        "{\"v\":\"tab\there\"}"})
    void invalidJsonOrTrailingGarbageIsMalformedJson(String line) {
        assertEquals(RejectReason.MALFORMED_JSON, reject(line));
    }

    @Test
    void malformedJsonWinsOverFieldErrorsEvenAfterTheObjectEnds() {
        assertEquals(RejectReason.MALFORMED_JSON, reject("{\"v\":2} trailing"));
        assertEquals(RejectReason.MALFORMED_JSON, reject("{\"v\":2,\"x\":[1 2]}"));
    }

    @Test
    void trailingWhitespaceIsAllowed() {
        accept(Lines.exposure().line() + " \t\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"v\":1}]", "1", "\"text\"", "null", "true"})
    void jsonThatIsNotAnObjectIsNotObject(String line) {
        assertEquals(RejectReason.NOT_OBJECT, reject(line));
    }

    // ---- v ------------------------------------------------------------------------------------

    @Test
    void missingOrNullVersionIsMissingField() {
        assertEquals("missing_field:v", reject(Lines.exposure().without("v")));
        assertEquals("missing_field:v", reject(Lines.exposure().with("v", "null")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "\"1\"", "1e0", "true", "[1]", "{}"})
    void versionThatIsNotAJsonIntegerIsBadType(String v) {
        assertEquals("bad_type:v", reject(Lines.exposure().with("v", v)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "0", "-1", "-0", "10000000000000000000000"})
    void integerVersionOtherThanOneIsBadVersion(String v) {
        assertEquals(RejectReason.BAD_VERSION, reject(Lines.exposure().with("v", v)));
    }

    // ---- ts -----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"\"", "\"  \""})
    void nullOrBlankTimestampIsMissingField(String ts) {
        assertEquals("missing_field:ts", reject(Lines.exposure().with("ts", ts)));
        assertEquals("missing_field:ts", reject(Lines.exposure().without("ts")));
    }

    @Test
    void numericTimestampIsBadType() {
        assertEquals("bad_type:ts", reject(Lines.exposure().with("ts", "1767254400")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01T08:00:00", "2026-01-01t08:00:00Z", "2026-02-30T08:00:00Z",
        "2025-02-29T08:00:00Z", "2026-13-01T08:00:00Z", " 2026-01-01T08:00:00Z"})
    void timestampThatIsNotRfc3339WithOffsetIsBadTs(String ts) {
        assertEquals(RejectReason.BAD_TS, reject(Lines.exposure().with("ts", "\"" + ts + "\"")));
    }

    @Test
    void timestampWithOffsetIsStoredAsUtcMicros() {
        CanonicalEvent event = accept(Lines.exposure().with("ts", "\"2026-01-01T01:30:00.1234567+02:00\"").line());
        long expected = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2025-12-31T23:30:00.123456Z"));
        assertEquals(expected, event.tsMicros());
    }

    // ---- string ids ---------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"tenant", "surface", "session_id", "item_id"})
    void requiredIdAbsentNullOrBlankIsMissingField(String field) {
        assertEquals("missing_field:" + field, reject(Lines.exposure().without(field)));
        assertEquals("missing_field:" + field, reject(Lines.exposure().with(field, "null")));
        assertEquals("missing_field:" + field, reject(Lines.exposure().with(field, "\"\"")));
        assertEquals("missing_field:" + field, reject(Lines.exposure().with(field, "\" \\t\\u00a0\"")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenant", "surface", "session_id", "item_id", "user_id", "request_id"})
    void idGivenAsNumberBoolObjectOrArrayIsBadType(String field) {
        for (String json : new String[] {"7", "1.5", "false", "{\"id\":\"x\"}", "[\"x\"]"}) {
            assertEquals("bad_type:" + field, reject(Lines.exposure().with(field, json)), json);
        }
    }

    @Test
    void idsAreTrimmedOfWhitespaceIncludingUnicodeSpaces() {
        CanonicalEvent event = accept(Lines.exposure()
                .with("tenant", "\" demo\\t\"")
                .with("surface", "\"\\u00a0home\\u3000\"")
                .with("session_id", "\"\\n s1 \"")
                .with("item_id", "\"  A  \"")
                .with("user_id", "\" u1\"")
                .with("request_id", "\"r1 \"").line());
        assertEquals(new CanonicalEvent(event.tsMicros(), "demo", "home", "s1", "A", "u1", "r1", 1, null, null),
                event);
    }

    @Test
    void innerWhitespaceOfIdsIsKept() {
        assertEquals("item  one", accept(Lines.exposure().with("item_id", "\" item  one \"").line()).itemId());
    }

    @Test
    void optionalIdsMissingNullOrBlankBecomeNull() {
        CanonicalEvent missing = accept(Lines.exposure().line());
        assertNull(missing.userId());
        assertNull(missing.requestId());
        CanonicalEvent nulls = accept(Lines.exposure().with("user_id", "null").with("request_id", "null").line());
        assertNull(nulls.userId());
        assertNull(nulls.requestId());
        CanonicalEvent empty = accept(Lines.exposure().with("user_id", "\"\"").with("request_id", "\"  \"").line());
        assertNull(empty.userId());
        assertNull(empty.requestId());
    }

    @Test
    void unicodeIdsAreKeptAsIs() {
        // Composed and decomposed "é" must stay different: no normalization happens.
        CanonicalEvent event = accept(Lines.exposure()
                .with("item_id", "\"caf\u00e9-\u5546\u54c1-\ud83d\ude00\"")
                .with("user_id", "\"cafe\\u0301\"").line());
        assertEquals("caf\u00e9-\u5546\u54c1-\ud83d\ude00", event.itemId());
        assertEquals("cafe\u0301", event.userId());
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", " .. ", "a/b", "a\\\\b", "a\\u0001b", "a\\u007fb", "a\\nb"})
    void tenantOrSurfaceUnusableAsPathSegmentIsBadValue(String unsafe) {
        assertEquals("bad_value:tenant", reject(Lines.exposure().with("tenant", "\"" + unsafe + "\"")));
        assertEquals("bad_value:surface", reject(Lines.exposure().with("surface", "\"" + unsafe + "\"")));
    }

    @Test
    void tenantWithDotsInsideIsAPathSafeSegment() {
        assertEquals("acme.eu", accept(Lines.exposure().with("tenant", "\"acme.eu\"").line()).tenant());
        assertEquals("a...b", accept(Lines.exposure().with("surface", "\"a...b\"").line()).surface());
        assertEquals("bad_value:surface", reject(Lines.exposure().with("surface", "\"...\"")),
                "a leading dot is a hidden file to many tools");
    }

    @Test
    void pathCharactersAreAllowedInOtherIds() {
        assertEquals("a/b", accept(Lines.exposure().with("item_id", "\"a/b\"").line()).itemId());
    }

    // ---- rank ---------------------------------------------------------------------------------

    @Test
    void missingOrNullRankDefaultsToZero() {
        assertEquals(0, accept(Lines.exposure().without("rank").line()).rank());
        assertEquals(0, accept(Lines.exposure().with("rank", "null").line()).rank());
    }

    @Test
    void rankKeepsItsIntegerValue() {
        assertEquals(0, accept(Lines.exposure().with("rank", "0").line()).rank());
        assertEquals(Integer.MAX_VALUE, accept(Lines.exposure().with("rank", "2147483647").line()).rank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1.0", "1e2", "\"1\"", "true", "[1]", "2147483648", "-2147483649",
        "99999999999999999999"})
    void rankThatIsNotAnIntJsonIntegerIsBadType(String rank) {
        assertEquals("bad_type:rank", reject(Lines.exposure().with("rank", rank)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-2147483648"})
    void negativeRankIsNegativeRank(String rank) {
        assertEquals(RejectReason.NEGATIVE_RANK, reject(Lines.exposure().with("rank", rank)));
    }

    @Test
    void outcomeOnlyKeysAreIgnoredOnExposures() {
        CanonicalEvent event = accept(Lines.exposure().with("event_type", "\"nope\"").with("value", "\"x\"").line());
        assertNull(event.eventType());
        assertNull(event.value());
    }

    // ---- object handling ----------------------------------------------------------------------

    @Test
    void unknownKeysIncludingNestedOnesAreIgnored() {
        CanonicalEvent event = accept(Lines.exposure()
                .with("extra", "{\"item_id\":\"NESTED\",\"v\":2,\"deep\":[{\"rank\":-1},[null,true]]}")
                .with("list", "[\"item_id\",{\"tenant\":\"..\"}]")
                .with("n", "1.5e300")
                .line());
        assertEquals("A", event.itemId());
        assertEquals("demo", event.tenant());
        assertEquals(1, event.rank());
    }

    @Test
    void duplicateKeyLastOccurrenceWins() {
        assertEquals("B", accept("{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\","
                + "\"session_id\":\"s1\",\"item_id\":\"A\",\"item_id\":\"B\"}").itemId());
        assertEquals(RejectReason.NEGATIVE_RANK, reject(Lines.exposure().line().replace("}", ",\"rank\":-1}")));
        assertEquals(3, accept(Lines.exposure().with("rank", "-1").line().replace("}", ",\"rank\":3}")).rank());
        assertEquals("missing_field:item_id", reject(Lines.exposure().line().replace("}", ",\"item_id\":null}")));
    }

    @Test
    void keyOrderDoesNotChangeTheResult() {
        String line = "{\"rank\":1,\"item_id\":\"A\",\"session_id\":\"s1\",\"surface\":\"home\",\"tenant\":\"demo\","
                + "\"ts\":\"2026-01-01T08:00:00Z\",\"v\":1}";
        assertEquals(accept(Lines.exposure().line()), accept(line));
    }

    @Test
    void severalBrokenRulesReportTheFirstInFieldOrder() {
        Lines everythingWrong = Lines.exposure()
                .with("rank", "-1").with("request_id", "1").with("user_id", "1").with("item_id", "null")
                .with("session_id", "2").with("surface", "\"..\"").with("tenant", "\"\"")
                .with("ts", "\"yesterday\"").with("v", "2");
        assertEquals(RejectReason.BAD_VERSION, reject(everythingWrong));
        assertEquals(RejectReason.BAD_TS, reject(everythingWrong.with("v", "1")));
        assertEquals("missing_field:tenant", reject(everythingWrong.with("ts", "\"2026-01-01T00:00:00Z\"")));
        assertEquals("bad_value:surface", reject(everythingWrong.with("tenant", "\"t\"")));
        assertEquals("bad_type:session_id", reject(everythingWrong.with("surface", "\"s\"")));
        assertEquals("missing_field:item_id", reject(everythingWrong.with("session_id", "\"s1\"")));
        assertEquals("bad_type:user_id", reject(everythingWrong.with("item_id", "\"i\"")));
        assertEquals("bad_type:request_id", reject(everythingWrong.with("user_id", "\"u\"")));
        assertEquals(RejectReason.NEGATIVE_RANK, reject(everythingWrong.with("request_id", "\"r\"")));
        accept(everythingWrong.with("rank", "0").line());
    }

    @Test
    void parserInstanceCarriesNothingOverBetweenLines() {
        accept(Lines.exposure().with("user_id", "\"u1\"").line());
        assertNull(accept(Lines.exposure().line()).userId());
        reject("{\"v\":1,\"ts\":");
        assertEquals("missing_field:v", reject(Lines.exposure().without("v")));
    }

    @Test
    void referenceTinySampleLinesAreAccepted() {
        CanonicalEvent event = accept("{\"v\": 1, \"ts\": \"2026-01-01T09:00:01Z\", \"tenant\": \"demo\","
                + " \"surface\": \"home\", \"session_id\": \"s2\", \"item_id\": \"C\", \"rank\": 2}");
        assertEquals("C", event.itemId());
        assertEquals(2, event.rank());
    }
}
