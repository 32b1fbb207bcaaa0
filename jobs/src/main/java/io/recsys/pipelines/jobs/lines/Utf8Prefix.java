package io.recsys.pipelines.jobs.lines;

import java.nio.charset.StandardCharsets;

/**
 * The first bytes of a line as text, for evidence: cut before a character that the cut (or the
 * line's own truncation at the limit) splits.
 */
final class Utf8Prefix {
    private Utf8Prefix() {
    }

    /** At most {@code max} bytes of {@code bytes[0, length)}, decoded leniently (bad bytes become U+FFFD). */
    static String of(byte[] bytes, int length, int max) {
        int cut = beforeSplitCharacter(bytes, Math.min(length, max));
        return new String(bytes, 0, cut, StandardCharsets.UTF_8);
    }

    /** {@code cut}, or the start of the multi-byte sequence that {@code cut} falls inside. */
    private static int beforeSplitCharacter(byte[] bytes, int cut) {
        for (int lead = cut - 1; lead >= Math.max(0, cut - 3); lead--) {
            int b = bytes[lead] & 0xFF;
            if (b < 0x80) {
                return cut;
            }
            if (b >= 0xC0) {
                int size = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return lead + size > cut ? lead : cut;
            }
        }
        return cut;
    }
}
