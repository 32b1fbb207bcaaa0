package io.recsys.pipelines.jobs.kinds;

/**
 * Orders strings as their UTF-8 bytes compare, the contract's tie rule and Go's string order.
 * UTF-8 byte order is code point order; {@link String#compareTo} compares UTF-16 units, which puts
 * supplementary characters (emoji, U+10000 and up) before U+E000..U+FFFF.
 */
final class Utf8ByteOrder {
    private Utf8ByteOrder() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
