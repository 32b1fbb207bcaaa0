package io.recsys.pipelines.jobs.kinds;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

import java.io.Serializable;
import java.util.Arrays;

import static org.apache.spark.sql.functions.udaf;

/**
 * The n best (key, score) entries of a group, best first: score descending, then key ascending in
 * UTF-8 byte order (the contract's tie rule, the order Spark sorts strings in). The keys of a group
 * must be distinct.
 *
 * <p>An aggregate, not a window: a window ranks a whole group in one task, so one (tenant,
 * surface) would be ranked by one core however many there are. Here every task keeps at most n
 * entries per group of the rows it holds, and Spark merges these partial tops after the shuffle:
 * a group of any size is spread over all tasks, and at most n entries per task and group cross the
 * network.
 */
public final class TopN extends Aggregator<Tuple2<String, Long>, TopN.Heap, Row> {
    private static final long serialVersionUID = 1L;
    /** A row schema, not a bean: bean encoders need annotation classes that a plain Spark classpath may lack. */
    private static final StructType OUTPUT = new StructType().add("entries", DataTypes.createArrayType(
            new StructType().add("key", DataTypes.StringType, false).add("score", DataTypes.LongType, false), false), false);
    private final int n;

    private TopN(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("top n needs n >= 1, got " + n);
        }
        this.n = n;
    }

    /**
     * The column {@code struct<entries: array<struct<key: string, score: bigint>>>} of the {@code n}
     * best rows of each group; {@code key} a string column, {@code score} a bigint column.
     */
    static Column of(Column key, Column score, int n) {
        return udaf(new TopN(n), Encoders.tuple(Encoders.STRING(), Encoders.LONG())).apply(key, score);
    }

    @Override
    public Heap zero() {
        return new Heap(n);
    }

    @Override
    public Heap reduce(Heap heap, Tuple2<String, Long> row) {
        heap.offer(row._1(), row._2());
        return heap;
    }

    @Override
    public Heap merge(Heap a, Heap b) {
        for (int i = 0; i < b.size; i++) {
            a.offer(b.keys[i], b.scores[i]);
        }
        return a;
    }

    @Override
    public Row finish(Heap heap) {
        return RowFactory.create((Object) heap.ranked());
    }

    @Override
    public Encoder<Heap> bufferEncoder() {
        return Encoders.javaSerialization(Heap.class);
    }

    @Override
    public Encoder<Row> outputEncoder() {
        return Encoders.row(OUTPUT);
    }

    /** True when (keyA, scoreA) ranks below (keyB, scoreB). */
    static boolean worse(String keyA, long scoreA, String keyB, long scoreB) {
        return scoreA != scoreB ? scoreA < scoreB : Utf8ByteOrder.compare(keyA, keyB) > 0;
    }

    /** A bounded binary min-heap whose root is the worst entry kept, so a better one replaces it in log n. */
    public static final class Heap implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int capacity;
        private String[] keys = new String[0];
        private long[] scores = new long[0];
        private int size;

        Heap(int capacity) {
            this.capacity = capacity;
        }

        void offer(String key, long score) {
            if (size < capacity) {
                if (size == keys.length) {
                    int grown = Math.min(capacity, Math.max(16, size * 2));
                    keys = Arrays.copyOf(keys, grown);
                    scores = Arrays.copyOf(scores, grown);
                }
                keys[size] = key;
                scores[size] = score;
                siftUp(size++);
            } else if (worse(keys[0], scores[0], key, score)) {
                keys[0] = key;
                scores[0] = score;
                siftDown(0);
            }
        }

        private void siftUp(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (!worse(keys[i], scores[i], keys[parent], scores[parent])) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void siftDown(int i) {
            while (true) {
                int worst = i;
                for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
                    if (worse(keys[child], scores[child], keys[worst], scores[worst])) {
                        worst = child;
                    }
                }
                if (worst == i) {
                    return;
                }
                swap(i, worst);
                i = worst;
            }
        }

        private void swap(int i, int j) {
            String k = keys[i];
            keys[i] = keys[j];
            keys[j] = k;
            long s = scores[i];
            scores[i] = scores[j];
            scores[j] = s;
        }

        /** The kept entries as (key, score) rows, best first (an array: the external type of a row's array field). */
        Row[] ranked() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> worse(keys[a], scores[a], keys[b], scores[b]) ? 1
                    : worse(keys[b], scores[b], keys[a], scores[a]) ? -1 : 0);
            Row[] entries = new Row[size];
            for (int i = 0; i < size; i++) {
                entries[i] = RowFactory.create(keys[order[i]], scores[order[i]]);
            }
            return entries;
        }
    }
}
