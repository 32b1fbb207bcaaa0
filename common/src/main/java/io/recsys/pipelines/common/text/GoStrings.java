package io.recsys.pipelines.common.text;

/**
 * Go's {@code strings.TrimSpace} and {@code strings.ToLower}, so trimmed ids and lower-cased tags
 * are byte for byte those of the Go tool (their bytes are hashed into artifact versions).
 */
public final class GoStrings {

    private GoStrings() {
    }

    /**
     * Go's {@code unicode.IsSpace} (Unicode White_Space). Java's {@code trim()} takes every char
     * {@code <= ' '} and {@code strip()} misses no-break spaces; both differ.
     */
    public static boolean isSpace(char c) {
        if (c <= 0xFF) {
            return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0;
        }
        return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
                || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    public static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code s} itself (no copy) in the common case where there is nothing to trim. */
    public static String trimSpace(String s) {
        if (s.isEmpty() || (!isSpace(s.charAt(0)) && !isSpace(s.charAt(s.length() - 1)))) {
            return s;
        }
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * Go maps each code point on its own (simple case mapping); {@code String.toLowerCase} applies
     * full and contextual mappings (a final capital sigma becomes ς, U+0130 becomes two chars).
     */
    public static String toLower(String s) {
        StringBuilder lower = new StringBuilder(s.length());
        s.codePoints().map(Character::toLowerCase).forEach(lower::appendCodePoint);
        return lower.toString();
    }
}
