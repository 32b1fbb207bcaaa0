package io.recsys.pipelines.common.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a float64 exactly as Go's {@code encoding/json} floatEncoder: {@code strconv} shortest
 * round-trip digits, plain 'f' layout, switching to 'e' layout below 1e-6 or from 1e21.
 *
 * <p>Java 17's {@link Double#toString} is not always shortest (JDK-4511638, fixed in 19), so the
 * digits are computed here from the exact binary value.
 */
final class GoFloatFormat {
    /** Below 2^53 a whole float64 is its own shortest round-trip form: neighbours are 1 apart or less. */
    private static final double EXACT_INTEGER_LIMIT = 0x1p53;
    /** 17 significant digits always identify a float64, so the search stops there. */
    private static final int MAX_DIGITS = 17;

    private GoFloatFormat() {
    }

    static String format(double d) {
        if (!Double.isFinite(d)) {
            // Go's Marshal fails with UnsupportedValueError: there is no JSON for these.
            throw new IllegalArgumentException("json: unsupported value: " + d);
        }
        if (d == 0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0" : "0";
        }
        double abs = Math.abs(d);
        String sign = d < 0 ? "-" : "";
        if (abs < 1e-6 || abs >= 1e21) {
            return sign + exponentLayout(shortest(abs));
        }
        if (abs < EXACT_INTEGER_LIMIT && abs == Math.rint(abs)) {
            // Fast path for the common case: scores that are whole counts.
            return sign + (long) abs;
        }
        return sign + shortest(abs).toPlainString();
    }

    /**
     * The shortest decimal that parses back to {@code abs}; among equally short candidates, the
     * one closest to the exact value (ties to even), as Go's Ryū-based {@code strconv} picks.
     * Binary search is valid because a precision that admits a candidate admits it at every
     * higher precision too; 17 digits always do.
     */
    private static BigDecimal shortest(double abs) {
        BigDecimal exact = new BigDecimal(abs);
        int low = 1;
        int high = MAX_DIGITS;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (candidate(exact, abs, mid) != null) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return candidate(exact, abs, high).stripTrailingZeros();
    }

    /**
     * The best decimal with {@code digits} significant digits that parses back to {@code abs}, or
     * null. Both neighbours are tried because at a power of two the lower half-interval is
     * narrower: the nearest neighbour can fall outside it while the farther one is inside.
     */
    private static BigDecimal candidate(BigDecimal exact, double abs, int digits) {
        BigDecimal down = exact.round(new MathContext(digits, RoundingMode.FLOOR));
        BigDecimal up = exact.round(new MathContext(digits, RoundingMode.CEILING));
        boolean downParses = down.doubleValue() == abs;
        boolean upParses = up.doubleValue() == abs;
        if (downParses && upParses) {
            return exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        }
        if (downParses) {
            return down;
        }
        return upParses ? up : null;
    }

    /**
     * strconv 'e' layout ({@code d.ddde±XX}) after Go's clean-up of {@code e-0X} to {@code e-X}.
     * strconv pads the exponent to two digits, but positive exponents here are always >= 21 and
     * Go strips the pad from negative ones, so no padding is ever written.
     */
    private static String exponentLayout(BigDecimal value) {
        String digits = value.unscaledValue().toString();
        int exponent = value.precision() - value.scale() - 1;
        StringBuilder out = new StringBuilder(digits.length() + 6).append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        return out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent)).toString();
    }
}
