package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.common.events.CanonicalEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class EventHashTest {
    @Test
    void murmur3MatchesTheReferenceImplementation() {
        // MurmurHash3_x64_128 of "hello", seed 0 (reference: cbd8a7b341bd9b02 5b1e906a48ae1d19 as two little-endian longs).
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        long[] h = EventHash.murmur3x64x128(hello, hello.length);
        assertEquals(0xcbd8a7b341bd9b02L, h[0]);
        assertEquals(0x5b1e906a48ae1d19L, h[1]);
    }

    @Test
    void equalEventsShareAFingerprintAndAnyFieldChangesIt() {
        EventHash hash = new EventHash();
        CanonicalEvent e = new CanonicalEvent(1L, "demo", "home", "s1", "A", null, null, 0, null, null);
        long[] same = hash.of(e, true);
        assertArrayEquals(same, hash.of(new CanonicalEvent(1L, "demo", "home", "s1", "A", null, null, 0, null, null), true));
        assertFalse(java.util.Arrays.equals(same, hash.of(new CanonicalEvent(1L, "demo", "home", "s1", "A", "", null, 0, null, null), true)),
                "absent and empty differ");
        assertFalse(java.util.Arrays.equals(same, hash.of(new CanonicalEvent(1L, "demo", "homes", "1", "A", null, null, 0, null, null), true)),
                "field boundaries count");
        assertFalse(java.util.Arrays.equals(same, hash.of(new CanonicalEvent(1L, "demo", "home", "s1", "A", null, null, 1, null, null), true)));
        assertFalse(java.util.Arrays.equals(same, hash.of(new CanonicalEvent(2L, "demo", "home", "s1", "A", null, null, 0, null, null), true)));
    }
}
