package io.recsys.pipelines.jobs.generate;

import java.time.LocalDate;

/**
 * Writes RFC 3339 timestamps of one UTC day by hand (DateTimeFormatter is too slow for millions
 * of lines). A line may express its instant in another zone: the local date then can be the day
 * before or after, while the UTC instant stays in the day.
 */
final class TimestampWriter {
    static final int SECONDS_PER_DAY = 86_400;

    /** Zone index: UTC written as {@code Z}. */
    static final int UTC = 0;
    /** Zone index: {@code +02:00}. */
    static final int PLUS_TWO = 1;
    /** Zone index: {@code -05:00}. */
    static final int MINUS_FIVE = 2;

    private static final int[] OFFSET_SECONDS = {0, 2 * 3600, -5 * 3600};
    private static final String[] OFFSET_SUFFIX = {"Z", "+02:00", "-05:00"};

    /** The local dates a line of this day can show: the day before, the day, the day after. */
    private final String[] localDates;

    TimestampWriter(LocalDate day) {
        localDates = new String[] {day.minusDays(1).toString(), day.toString(), day.plusDays(1).toString()};
    }

    /**
     * Appends the instant {@code millisOfDay} after 00:00Z in {@code zone}. Whole seconds are
     * written without a fraction and a fraction without its trailing zeros, as Go's
     * RFC3339Nano does. {@code withOffset == false} leaves the zone out: an invalid timestamp.
     */
    void append(StringBuilder sb, int millisOfDay, int zone, boolean withOffset) {
        int localSeconds = millisOfDay / 1000 + OFFSET_SECONDS[zone];
        int dayShift = Math.floorDiv(localSeconds, SECONDS_PER_DAY);
        int secondOfDay = localSeconds - dayShift * SECONDS_PER_DAY;
        sb.append(localDates[dayShift + 1]).append('T');
        Digits.appendPadded(sb, secondOfDay / 3600, 2);
        sb.append(':');
        Digits.appendPadded(sb, secondOfDay / 60 % 60, 2);
        sb.append(':');
        Digits.appendPadded(sb, secondOfDay % 60, 2);
        appendFraction(sb, millisOfDay % 1000);
        if (withOffset) {
            sb.append(OFFSET_SUFFIX[zone]);
        }
    }

    private static void appendFraction(StringBuilder sb, int millis) {
        if (millis == 0) {
            return;
        }
        int width = 3;
        while (millis % 10 == 0) {
            millis /= 10;
            width--;
        }
        sb.append('.');
        Digits.appendPadded(sb, millis, width);
    }
}
