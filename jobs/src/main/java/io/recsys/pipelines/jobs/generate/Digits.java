package io.recsys.pipelines.jobs.generate;

/** Zero-padded decimal digits straight into a StringBuilder, without String.format's cost per line. */
final class Digits {
    private Digits() {
    }

    /** Appends a non-negative {@code value} left-padded with zeros to at least {@code width} digits. */
    static void appendPadded(StringBuilder sb, long value, int width) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = digits; i < width; i++) {
            sb.append('0');
        }
        sb.append(value);
    }
}
