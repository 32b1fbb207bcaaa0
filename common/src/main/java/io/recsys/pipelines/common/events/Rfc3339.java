package io.recsys.pipelines.common.events;

/**
 * Strict RFC 3339 timestamp parser, {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|±hh:mm)}, with the
 * checks of Go's strict RFC 3339 parsing: uppercase {@code T} and {@code Z} only, real calendar
 * dates, hour 00-23, minute and second 00-59 (no leap second), offset hours 00-23 and minutes 00-59.
 * The fraction has at least one digit; like Go, any number of digits is taken, and it is truncated,
 * not rounded, to microseconds.
 *
 * <p>Hand-rolled because it runs once per raw line: no {@code DateTimeFormatter}, no {@code java.time}
 * objects, no exception for a bad value, just the {@link #INVALID} sentinel.
 */
public final class Rfc3339 {

    /** Returned for any invalid input. No valid input maps to it: years 0000-9999 stay far inside a long. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final int MIN_LENGTH = "2006-01-02T15:04:05Z".length();
    private static final int SECONDS_END = "2006-01-02T15:04:05".length();
    private static final int OFFSET_LENGTH = "+07:00".length();

    private Rfc3339() {
    }

    /** UTC epoch microseconds of {@code s}, or {@link #INVALID}. */
    public static long toEpochMicros(String s) {
        int length = s.length();
        if (length < MIN_LENGTH
                || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return INVALID;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        // digits() returns -1 for a non-digit, so these range checks also reject non-digits.
        if (year < 0 || month < 1 || month > 12 || day < 1
                || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }

        int pos = SECONDS_END;
        long micros = 0;
        if (s.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < length && isDigit(s.charAt(pos))) {
                int digitIndex = pos - start;
                if (digitIndex < 6) {
                    micros = micros * 10 + (s.charAt(pos) - '0');
                }
                pos++;
            }
            int count = pos - start;
            if (count == 0) {
                return INVALID;
            }
            for (int i = count; i < 6; i++) {
                micros *= 10;
            }
        }

        int offsetSeconds = offsetSeconds(s, pos, length);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return INVALID;
        }
        long epochSeconds = epochDay(year, month, day) * 86_400L
                + hour * 3_600L + minute * 60L + second - offsetSeconds;
        return epochSeconds * 1_000_000L + micros;
    }

    /** Seconds east of UTC for the zone suffix at {@code pos}, or {@code Integer.MIN_VALUE} if invalid. */
    private static int offsetSeconds(String s, int pos, int length) {
        if (length - pos == 1 && s.charAt(pos) == 'Z') {
            return 0;
        }
        if (length - pos != OFFSET_LENGTH || s.charAt(pos + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        char sign = s.charAt(pos);
        int hours = digits(s, pos + 1, 2);
        int minutes = digits(s, pos + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3_600 + minutes * 60;
        return sign == '+' ? seconds : -seconds;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year; // count years from March, so Feb 29 ends a year
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    /** The decimal value of {@code count} chars at {@code from}, or -1 if any is not an ASCII digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
