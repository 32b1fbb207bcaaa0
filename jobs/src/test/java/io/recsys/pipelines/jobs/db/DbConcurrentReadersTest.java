package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While a day is replaced again and again, a reader polling it in READ COMMITTED (the service's
 * isolation level) sees one whole version of the day or the other, in both tables at once: never
 * the old rows gone without the new ones, never a mix, never half the rows.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class DbConcurrentReadersTest {
    static final LocalDate DAY = LocalDate.parse("2026-01-01");
    static final String POLL = "SELECT (SELECT count(*) FROM item_popularity_daily WHERE tenant_id = ? AND namespace = 'home' AND day = ?), "
            + "(SELECT coalesce(sum(score), 0)::bigint FROM item_popularity_daily WHERE tenant_id = ? AND namespace = 'home' AND day = ?), "
            + "(SELECT count(*) FROM item_covisit_daily WHERE tenant_id = ? AND namespace = 'home' AND day = ?)";

    /** A version of the day: its items (all with one score) and its co-visitation rows. */
    record Version(int items, long score, int covisits) {
        List<Row> popularity() {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                rows.add(RowFactory.create("demo", "home", "item-" + i, score));
            }
            return rows;
        }

        List<Row> covisitRows() {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < covisits; i++) {
                rows.add(RowFactory.create("demo", "home", "item-" + i, "item-" + (i + 1), score));
            }
            return rows;
        }

        List<Long> seenAs() {
            return List.of((long) items, items * score, (long) covisits);
        }
    }

    @Test
    void aReaderSeesTheOldDayOrTheNewDayNeverAPartialOne(TestDatabase db) throws Exception {
        UUID demo = db.addTenant("demo");
        Map<TenantSurface, UUID> pairs = new TreeMap<>(Map.of(new TenantSurface("demo", "home"), demo));
        Version a = new Version(3000, 1, 1000);
        Version b = new Version(2000, 2, 1500);
        Set<List<Long>> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger polls = new AtomicInteger();

        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(POLL)) {
                for (int p = 1; p <= 6; p += 2) {
                    s.setObject(p, demo);
                    s.setObject(p + 1, DAY);
                }
                while (writing.get()) {
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        seen.add(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
                        polls.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (Connection c = db.connect()) {
            DailySignalTables tables = new DailySignalTables(c);
            for (int i = 0; i < 30; i++) {
                Version v = i % 2 == 0 ? a : b;
                tables.replace(DAY, pairs, v.popularity().iterator(), v.covisitRows().iterator());
            }
        } finally {
            writing.set(false);
        }
        reader.get(60, TimeUnit.SECONDS);

        System.out.println("reader polls during 30 replaces: " + polls.get() + ", states seen: " + seen);
        assertTrue(Set.of(List.of(0L, 0L, 0L), a.seenAs(), b.seenAs()).containsAll(seen), "partial day seen: " + seen);
        assertTrue(seen.contains(a.seenAs()) && seen.contains(b.seenAs()), "the reader overlapped the writes: " + seen);
        assertEquals(b.seenAs(), List.of(db.count("SELECT count(*) FROM item_popularity_daily"),
                db.count("SELECT sum(score)::bigint FROM item_popularity_daily"), db.count("SELECT count(*) FROM item_covisit_daily")));
    }
}
