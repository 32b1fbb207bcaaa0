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

/** Exact counts of one input stream, built from {@link Canonicalizer#counts}. */
public final class StreamCounts {
    /** A day partition of one pair that received accepted events. */
    public record DayPartition(TenantSurface pair, LocalDate day) {
    }

    private long linesRead;
    private long outOfWindow;
    private long otherPair;
    private long duplicatesDropped;
    private boolean writtenKnown;
    private final Map<LocalDate, Long> eventsByDay = new TreeMap<>();
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private final Map<TenantSurface, Long> acceptedByPair = new TreeMap<>();
    private final Set<DayPartition> acceptedPartitions = new java.util.HashSet<>();

    public static StreamCounts fromRows(List<Row> rows) {
        StreamCounts counts = new StreamCounts();
        for (Row row : rows) {
            String status = row.getString(0);
            long n = row.getLong(5);
            counts.linesRead += n;
            switch (status) {
                case Canonicalizer.REJECTED -> counts.rejectedByReason.merge(row.getString(1), n, Long::sum);
                case Canonicalizer.OUT_OF_WINDOW -> counts.outOfWindow += n;
                case Canonicalizer.OTHER_PAIR -> {
                    counts.otherPair += n;
                    counts.eventsByDay.merge(row.getDate(4).toLocalDate(), n, Long::sum);
                }
                case Canonicalizer.ACCEPTED -> {
                    counts.eventsByDay.merge(row.getDate(4).toLocalDate(), n, Long::sum);
                    TenantSurface pair = new TenantSurface(row.getString(2), row.getString(3));
                    counts.acceptedByPair.merge(pair, n, Long::sum);
                    counts.acceptedPartitions.add(new DayPartition(pair, row.getDate(4).toLocalDate()));
                }
                default -> throw new IllegalStateException("unknown status " + status);
            }
        }
        return counts;
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

    void setWritten(long written) {
        this.duplicatesDropped = accepted() - written;
        this.writtenKnown = true;
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
        return Collections.unmodifiableMap(rejectedByReason);
    }

    public Map<TenantSurface, Long> acceptedByPair() {
        return Collections.unmodifiableMap(acceptedByPair);
    }

    public Set<DayPartition> acceptedPartitions() {
        return Collections.unmodifiableSet(acceptedPartitions);
    }

    public Set<TenantSurface> pairs() {
        return new TreeSet<>(acceptedByPair.keySet());
    }
}
