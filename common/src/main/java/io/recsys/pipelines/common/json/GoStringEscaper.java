package io.recsys.pipelines.common.json;

/**
 * Writes a JSON string literal byte-for-byte as Go's {@code encoding/json} does with its default
 * HTML escaping: the version hash covers these bytes, so "equivalent JSON" is not good enough.
 */
final class GoStringEscaper {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoStringEscaper() {
    }

    static void appendQuoted(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                appendAscii(out, c);
            } else if (c == '\u2028' || c == '\u2029') {
                // Go escapes the JavaScript line terminators so the output is safe inside <script>.
                appendUnicodeEscape(out, c);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate cannot be UTF-8 encoded; Go writes invalid UTF-8 as the escaped
                // replacement character, so we do the same.
                out.append("\\ufffd");
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static void appendAscii(StringBuilder out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            // HTML-significant characters: Go's Marshal escapes them (SetEscapeHTML is encoder-only).
            case '<', '>', '&' -> appendUnicodeEscape(out, c);
            default -> {
                if (c < 0x20) {
                    appendUnicodeEscape(out, c);
                } else {
                    out.append(c);
                }
            }
        }
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u")
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
    }
}
