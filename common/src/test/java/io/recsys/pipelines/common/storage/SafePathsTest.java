package io.recsys.pipelines.common.storage;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Issue 12, point 2: no value can become a scheme, an absolute path, a parent reference or an extra folder. */
class SafePathsTest {
    private static final Location ROOT = Location.parse("s3a://bucket/registry");

    @ParameterizedTest
    @ValueSource(strings = {"file:", "a:b", "..", ".", "../x", "/abs", "a/b", "a\\b", "", ".hidden", "s3a://x"})
    void segmentsThatWouldEscapeTheRootAreRefused(String value) {
        PipelineException e = assertThrows(PipelineException.class, () -> SafePaths.child(ROOT, SafePaths.name("kind", value)));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertThrows(PipelineException.class, () -> SafePaths.identifier(Identifiers.DEFAULT, "tenant", value));
    }

    @Test
    void theLastLineOfDefenceRefusesWhatNoCheckCaught() {
        assertThrows(PipelineException.class, () -> SafePaths.child(ROOT, "ok", "file:"));
        assertThrows(PipelineException.class, () -> SafePaths.child(ROOT, "ok", ".."));
        assertThrows(PipelineException.class, () -> SafePaths.child(ROOT, "a/b"));
    }

    @Test
    void validSegmentsStayUnderTheRoot() {
        Location p = SafePaths.child(ROOT, SafePaths.identifier(Identifiers.DEFAULT, "tenant", "acme.eu"), "home",
                SafePaths.name("version", "abc123") + ".json");
        assertEquals("s3a://bucket/registry/acme.eu/home/abc123.json", p.toString());
    }

    @Test
    void reservedNamesAreRefusedAsIdentifiersButNotAsPlainNames() {
        assertThrows(PipelineException.class, () -> SafePaths.identifier(Identifiers.DEFAULT, "tenant", "history"));
        assertEquals("history", SafePaths.name("folder", "history"));
    }
}
