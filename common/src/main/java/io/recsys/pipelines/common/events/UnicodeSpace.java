package io.recsys.pipelines.common.events;

/**
 * Whitespace as Go's {@code unicode.IsSpace} (Unicode White_Space) sees it, so trimmed ids equal
 * those of the Go tool's {@code strings.TrimSpace}. Java's {@code trim()} (every char {@code <= ' '})
 * and {@code strip()} ({@code Character.isWhitespace}, which excludes no-break spaces) both differ.
 */
final class UnicodeSpace {

    private UnicodeSpace() {
    }

    static boolean isSpace(char c) {
        if (c <= 0xFF) {
            return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0;
        }
        return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
                || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code s} itself (no copy) in the common case where there is nothing to trim. */
    static String trim(String s) {
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
}
