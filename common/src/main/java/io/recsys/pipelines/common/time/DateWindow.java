package io.recsys.pipelines.common.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** An inclusive range of UTC days; events belong to the day of their UTC instant. */
public record DateWindow(LocalDate start, LocalDate end) {

    public DateWindow {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window end " + end + " is before its start " + start);
        }
    }

    public static DateWindow ofDay(LocalDate day) {
        return new DateWindow(day, day);
    }

    /** The N days ending on {@code end}. */
    public static DateWindow endingOn(LocalDate end, int days) {
        return new DateWindow(end.minusDays(days - 1L), end);
    }

    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    public int dayCount() {
        return (int) (end.toEpochDay() - start.toEpochDay() + 1);
    }

    /** The window plus one day on each side: where events of the window may sit in daily input files. */
    public DateWindow withNeighbours() {
        return new DateWindow(start.minusDays(1), end.plusDays(1));
    }

    public Instant startInstant() {
        return start.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public Instant endExclusiveInstant() {
        return end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    @Override
    public String toString() {
        return start.equals(end) ? start.toString() : start + ".." + end;
    }
}
