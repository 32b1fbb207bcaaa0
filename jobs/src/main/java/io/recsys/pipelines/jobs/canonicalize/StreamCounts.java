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

    /**
     * One pair's lines in this stream: every line that names it (in the run's days or not), and those
     * rejected by reason; its reject budget is their ratio.
     */
    public record PairLines(long lines, Map<String, Long> rejectedByReason) {
        public PairLines {
            rejectedByReason = Collections.unmodifiableMap(new TreeMap<>(rejectedByReason));
        }

        public long rejected() {
            return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        }

        public double rejectRatio() {
            return lines == 0 ? 0.0 : (double) rejected() / lines;
        }

        PairLines plus(long n, String reason) {
            Map<String, Long> reasons = new TreeMap<>(rejectedByReason);
            if (reason != null) {
                reasons.merge(reason, n, Long::sum);
            }
            return new PairLines(lines + n, reasons);
        }
    }

    private final long linesRead;
    private final long outOfWindow;
    private final long otherPair;
    private final long duplicatesDropped;
    private final long refusedAccepted;
    private final boolean writtenKnown;
    private final Map<LocalDate, Long> eventsByDay;
    private final Map<String, Long> rejectedByReason;
    private final Map<TenantSurface, Long> acceptedByPair;
    private final Set<DayPartition> acceptedPartitions;
    private final Map<TenantSurface, PairLines> linesByPair;
    private final Map<String, Long> unattributedByReason;

    private StreamCounts(long linesRead, long outOfWindow, long otherPair, long duplicatesDropped, long refusedAccepted,
                         boolean writtenKnown,
                         Map<LocalDate, Long> eventsByDay, Map<String, Long> rejectedByReason,
                         Map<TenantSurface, Long> acceptedByPair, Set<DayPartition> acceptedPartitions,
                         Map<TenantSurface, PairLines> linesByPair, Map<String, Long> unattributedByReason) {
        this.linesRead = linesRead;
        this.outOfWindow = outOfWindow;
        this.otherPair = otherPair;
        this.duplicatesDropped = duplicatesDropped;
        this.refusedAccepted = refusedAccepted;
        this.writtenKnown = writtenKnown;
        this.eventsByDay = Collections.unmodifiableMap(eventsByDay);
        this.rejectedByReason = Collections.unmodifiableMap(rejectedByReason);
        this.acceptedByPair = Collections.unmodifiableMap(acceptedByPair);
        this.acceptedPartitions = Collections.unmodifiableSet(acceptedPartitions);
        this.linesByPair = Collections.unmodifiableMap(linesByPair);
        this.unattributedByReason = Collections.unmodifiableMap(unattributedByReason);
    }

    public static StreamCounts fromRows(List<Row> rows) {
        long linesRead = 0;
        long outOfWindow = 0;
        long otherPair = 0;
        Map<LocalDate, Long> eventsByDay = new TreeMap<>();
        Map<String, Long> rejectedByReason = new TreeMap<>();
        Map<TenantSurface, Long> acceptedByPair = new TreeMap<>();
        Set<DayPartition> acceptedPartitions = new java.util.HashSet<>();
        Map<TenantSurface, PairLines> linesByPair = new TreeMap<>();
        Map<String, Long> unattributedByReason = new TreeMap<>();
        for (Row row : rows) {
            String status = row.getString(0);
            String reason = row.getString(1);
            long n = row.getLong(5);
            TenantSurface pair = row.isNullAt(2) ? null : new TenantSurface(row.getString(2), row.getString(3));
            linesRead += n;
            switch (status) {
                case Canonicalizer.REJECTED -> {
                    rejectedByReason.merge(reason, n, Long::sum);
                    if (pair == null) {
                        unattributedByReason.merge(reason, n, Long::sum);
                    }
                }
                case Canonicalizer.OUT_OF_WINDOW -> outOfWindow += n;
                case Canonicalizer.OTHER_PAIR -> {
                    otherPair += n;
                    if (reason == null) {
                        eventsByDay.merge(row.getDate(4).toLocalDate(), n, Long::sum);
                    }
                }
                case Canonicalizer.ACCEPTED -> {
                    eventsByDay.merge(row.getDate(4).toLocalDate(), n, Long::sum);
                    acceptedByPair.merge(pair, n, Long::sum);
                    acceptedPartitions.add(new DayPartition(pair, row.getDate(4).toLocalDate()));
                }
                default -> throw new IllegalStateException("unknown status " + status);
            }
            if (pair != null && !status.equals(Canonicalizer.OTHER_PAIR)) {
                String counted = status.equals(Canonicalizer.REJECTED) ? reason : null;
                linesByPair.merge(pair, new PairLines(n, counted == null ? Map.of() : Map.of(counted, n)),
                        (a, b) -> a.plus(b.lines(), counted));
            }
        }
        return new StreamCounts(linesRead, outOfWindow, otherPair, 0, 0, false, eventsByDay, rejectedByReason,
                acceptedByPair, acceptedPartitions, linesByPair, unattributedByReason);
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

    /**
     * These counts once {@code written} rows were committed (after dedupe); the accepted events of
     * {@code refused} pairs (over their reject budget) were not committed at all.
     */
    StreamCounts withWritten(long written, Set<TenantSurface> refused) {
        long refusedEvents = acceptedByPair.entrySet().stream().filter(e -> refused.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        return new StreamCounts(linesRead, outOfWindow, otherPair, accepted() - refusedEvents - written, refusedEvents, true,
                eventsByDay,
                rejectedByReason, acceptedByPair, acceptedPartitions, linesByPair, unattributedByReason);
    }

    /** Each pair's lines and rejects, for its own reject budget. */
    public Map<TenantSurface, PairLines> linesByPair() {
        return linesByPair;
    }

    /** Rejected lines that name no valid (tenant, surface), by reason: the run-level budget's. */
    public Map<String, Long> unattributedByReason() {
        return unattributedByReason;
    }

    public long unattributed() {
        return unattributedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public double unattributedRatio() {
        return linesRead == 0 ? 0.0 : (double) unattributed() / linesRead;
    }

    /** Whether the canonical rows were written (after dedupe); false when the run stopped before. */
    public boolean writtenKnown() {
        return writtenKnown;
    }

    /** Rows written to the canonical store; 0 until they were. */
    public long written() {
        return writtenKnown ? accepted() - refusedAccepted - duplicatesDropped : 0;
    }

    /** Valid events of pairs over their reject budget, not written; 0 until the commit. */
    public long refusedAccepted() {
        return refusedAccepted;
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
