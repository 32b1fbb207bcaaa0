package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactPayload;
import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;

/**
 * A kind's per-entry rows (tenant, surface, entry key, ...) read to the driver in pair order and
 * grouped into one payload per pair, entries in the key order Spark sorts them in (UTF-8 bytes, the
 * contract's order).
 *
 * <p>The rows are sorted globally by (tenant, surface, key) and read with
 * {@link Dataset#toLocalIterator()}, which runs every shuffle of the plan at once, in parallel, and
 * then fetches the sorted result one partition at a time: the driver holds one partition of rows
 * and the entries of the pair being assembled, whatever the number of pairs.
 */
final class PairPayloads<E, P extends ArtifactPayload> implements PairStream {
    private final Iterator<Row> rows;
    private final Function<Row, E> entry;
    private final Function<List<E>, P> payload;
    private final P empty;
    private final Set<TenantSurface> excluded;
    private Row next;
    private TenantSurface lastAsked;

    /**
     * Starts the Spark work: every stage but the last runs before this returns.
     *
     * @param entries  columns tenant, surface, then whatever {@code entry} reads
     * @param keys     the sort order of entries within a pair
     * @param excluded pairs that get no artifact of the kind (they must have no rows)
     */
    PairPayloads(Dataset<Row> entries, Column[] keys, Function<Row, E> entry, Function<List<E>, P> payload, P empty,
                 Set<TenantSurface> excluded) {
        Column[] order = new Column[keys.length + 2];
        order[0] = col("tenant");
        order[1] = col("surface");
        System.arraycopy(keys, 0, order, 2, keys.length);
        // The global sort samples its input to choose ranges, then sorts it: without the cache, everything
        // after the input's last shuffle (most of a kind's work) would run twice. Once the iterator exists,
        // every shuffle has run and only the sorted output is read, so the cache can go.
        Dataset<Row> cached = entries.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            this.rows = cached.orderBy(order).toLocalIterator();
        } finally {
            cached.unpersist(false);
        }
        this.entry = entry;
        this.payload = payload;
        this.empty = empty;
        this.excluded = Set.copyOf(excluded);
        this.next = rows.hasNext() ? rows.next() : null;
    }

    @Override
    public Optional<ArtifactPayload> payloadFor(TenantSurface pair) {
        if (lastAsked != null && ORDER.compare(lastAsked, pair) >= 0) {
            throw new IllegalArgumentException("pairs out of order: " + pair + " asked after " + lastAsked);
        }
        lastAsked = pair;
        List<E> entries = new ArrayList<>();
        while (next != null) {
            int c = compare(next, pair);
            if (c > 0) {
                break;
            }
            if (c == 0) {
                entries.add(entry.apply(next));
            }
            next = rows.hasNext() ? rows.next() : null;
        }
        if (excluded.contains(pair)) {
            return Optional.empty();
        }
        return Optional.of(entries.isEmpty() ? empty : payload.apply(entries));
    }

    /** Every pair that has rows and its payload, all at once: for tests and the benchmark, never for a run. */
    Map<TenantSurface, P> drain() {
        Map<TenantSurface, P> payloads = new TreeMap<>(ORDER);
        while (next != null) {
            TenantSurface pair = new TenantSurface(next.getString(0), next.getString(1));
            @SuppressWarnings("unchecked")
            P p = (P) payloadFor(pair).orElseThrow();
            payloads.put(pair, p);
        }
        return payloads;
    }

    private static int compare(Row row, TenantSurface pair) {
        int c = Utf8ByteOrder.compare(row.getString(0), pair.tenant());
        return c != 0 ? c : Utf8ByteOrder.compare(row.getString(1), pair.surface());
    }
}
