package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Exact counts of one input stream, built from {@link Canonicalizer#counts}. Immutable: the count of
 * written rows, known only after the commit, comes as a new instance ({@link #withWritten}), so a
 * result handed on earlier never changes under its reader.
 */
public final class StreamCounts {
    /** A day partition of one pair that received accepted events. */
    public record DayPartition(TenantSurface pair, LocalDate day) {
    }

    private final long linesRead;
    private final long outOfWindow;
    private final long otherPair;
    private final long duplicatesDropped;
    private final boolean writtenKnown;
    private final Map<LocalDate, Long> eventsByDay;
    private final Map<String, Long> rejectedByReason;
    private final Map<TenantSurface, Long> acceptedByPair;
    private final Set<DayPartition> acceptedPartitions;

    private StreamCounts(long linesRead, long outOfWindow, long otherPair, long duplicatesDropped, boolean writtenKnown,
                         Map<LocalDate, Long> eventsByDay, Map<String, Long> rejectedByReason,
                         Map<TenantSurface, Long> acceptedByPair, Set<DayPartition> acceptedPartitions) {
        this.linesRead = linesRead;
        this.outOfWindow = outOfWindow;
        this.otherPair = otherPair;
        this.duplicatesDropped = duplicatesDropped;
        this.writtenKnown = writtenKnown;
        this.eventsByDay = Collections.unmodifiableMap(eventsByDay);
        this.rejectedByReason = Collections.unmodifiableMap(rejectedByReason);
        this.acceptedByPair = Collections.unmodifiableMap(acceptedByPair);
        this.acceptedPartitions = Collections.unmodifiableSet(acceptedPartitions);
    }

    public static StreamCounts fromRows(List<Row> rows) {
        long linesRead = 0;
        long outOfWindow = 0;
        long otherPair = 0;
        Map<LocalDate, Long> eventsByDay = new TreeMap<>();
        Map<String, Long> rejectedByReason = new TreeMap<>();
        Map<TenantSurface, Long> acceptedByPair = new TreeMap<>();
        Set<DayPartition> acceptedPartitions = new java.util.HashSet<>();
        for (Row row : rows) {
            String status = row.getString(0);
            long n = row.getLong(5);
            linesRead += n;
            switch (status) {
                case Canonicalizer.REJECTED -> rejectedByReason.merge(row.getString(1), n, Long::sum);
                case Canonicalizer.OUT_OF_WINDOW -> outOfWindow += n;
                case Canonicalizer.OTHER_PAIR -> {
                    otherPair += n;
                    eventsByDay.merge(row.getDate(4).toLocalDate(), n, Long::sum);
                }
                case Canonicalizer.ACCEPTED -> {
                    eventsByDay.merge(row.getDate(4).toLocalDate(), n, Long::sum);
                    TenantSurface pair = new TenantSurface(row.getString(2), row.getString(3));
                    acceptedByPair.merge(pair, n, Long::sum);
                    acceptedPartitions.add(new DayPartition(pair, row.getDate(4).toLocalDate()));
                }
                default -> throw new IllegalStateException("unknown status " + status);
            }
        }
        return new StreamCounts(linesRead, outOfWindow, otherPair, 0, false, eventsByDay, rejectedByReason,
                acceptedByPair, acceptedPartitions);
    }

    public long linesRead() {
        return linesRead;
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public double rejectRatio() {
        return linesRead == 0 ? 0.0 : (double) rejected() / linesRead;
    }

    public long outOfWindow() {
        return outOfWindow;
    }

    public long otherPair() {
        return otherPair;
    }

    public long accepted() {
        return acceptedByPair.values().stream().mapToLong(Long::longValue).sum();
    }

    public long duplicatesDropped() {
        return duplicatesDropped;
    }

    /** These counts once {@code written} rows were committed (after dedupe). */
    StreamCounts withWritten(long written) {
        return new StreamCounts(linesRead, outOfWindow, otherPair, accepted() - written, true, eventsByDay,
                rejectedByReason, acceptedByPair, acceptedPartitions);
    }

    /** Whether the canonical rows were written (after dedupe); false when the run stopped before. */
    public boolean writtenKnown() {
        return writtenKnown;
    }

    /** Rows written to the canonical store; 0 until they were. */
    public long written() {
        return writtenKnown ? accepted() - duplicatesDropped : 0;
    }

    /** Valid events per UTC day, in scope or not: whether the input holds a day at all. */
    public long eventsOn(LocalDate day) {
        return eventsByDay.getOrDefault(day, 0L);
    }

    public Map<String, Long> rejectedByReason() {
        return rejectedByReason;
    }

    public Map<TenantSurface, Long> acceptedByPair() {
        return acceptedByPair;
    }

    public Set<DayPartition> acceptedPartitions() {
        return acceptedPartitions;
    }

    public Set<TenantSurface> pairs() {
        return new TreeSet<>(acceptedByPair.keySet());
    }
}
