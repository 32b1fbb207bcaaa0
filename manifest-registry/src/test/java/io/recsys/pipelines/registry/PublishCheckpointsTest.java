package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.common.storage.LocalObjectStore;
import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.common.storage.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 point 4: checkpoints live in the registry's layout and only move forward, whatever the
 * interleaving of concurrent runs (create-only day markers, no read-then-write).
 */
class PublishCheckpointsTest {
    private static final LocalDate D1 = LocalDate.of(2026, 1, 1);

    @TempDir
    java.nio.file.Path tmp;

    private RegistryLayout layout() {
        return new RegistryLayout(Location.of(tmp.resolve("registry").toString()));
    }

    private PublishCheckpoints checkpoints(ObjectStore store) {
        return new PublishCheckpoints(store, layout());
    }

    @Test
    void anOlderDayWrittenAfterANewerOneNeverMovesTheCheckpointBack() throws Exception {
        // Run B read the checkpoint (day 1) before run A published day 5, and writes day 3 after it.
        CountDownLatch aDone = new CountDownLatch(1);
        ObjectStore local = new LocalObjectStore();
        ObjectStore slowB = new ForwardingStore() {
            @Override
            public boolean create(Location path, byte[] bytes) {
                await(aDone);
                return super.create(path, bytes);
            }

            @Override
            public void createOrReplace(Location path, byte[] bytes) {
                await(aDone);
                super.createOrReplace(path, bytes);
            }
        };
        checkpoints(local).published("demo", "home", D1, "run-0");
        Thread b = new Thread(() -> checkpoints(slowB).published("demo", "home", D1.plusDays(2), "run-b"));
        b.start();
        checkpoints(local).published("demo", "home", D1.plusDays(4), "run-a");
        aDone.countDown();
        b.join(10_000);

        assertEquals(Optional.of(D1.plusDays(4)), checkpoints(local).lastPublished("demo", "home"));
    }

    @Test
    @Timeout(60)
    void concurrentRunsLeaveTheNewestDay() throws Exception {
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            days.add(D1.plusDays(i));
        }
        Collections.shuffle(days, new java.util.Random(7));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (LocalDate day : days) {
            futures.add(pool.submit(() -> {
                start.await();
                PublishCheckpoints c = checkpoints(new LocalObjectStore());
                if (day.getDayOfMonth() % 2 == 0) {
                    c.published("demo", "home", day, "run-" + day);
                } else {
                    c.covered("demo", "home", day, "run-" + day);
                }
                c.compact(List.of("demo"));
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        PublishCheckpoints.Checkpoint c = checkpoints(new LocalObjectStore()).read("demo", "home").orElseThrow();
        assertEquals(D1.plusDays(39), c.coveredThrough());
        assertEquals(D1.plusDays(38), c.lastPublished(), "the newest even day (Jan 39th is Feb 8th)");
    }

    @Test
    void markersLiveInTheRegistryAndOldOnesArePruned() {
        PublishCheckpoints c = checkpoints(new LocalObjectStore());
        for (int i = 0; i < 6; i++) {
            c.published("demo", "home", D1.plusDays(i), "run-" + i);
        }
        c.covered("demo", "home", D1.plusDays(9), "run-9");
        c.compact(List.of("demo"));

        List<String> names = new LocalObjectStore().listNames(layout().checkpointsFolder("demo"));
        assertEquals(List.of("home@2026-01-04.published.json", "home@2026-01-05.published.json",
                "home@2026-01-06.published.json", "home@2026-01-10.covered.json"), names);
        assertEquals(new PublishCheckpoints.Checkpoint(D1.plusDays(5), D1.plusDays(9)), c.read("demo", "home").orElseThrow());
    }

    @Test
    void theSingleFileOfEarlierVersionsStillCounts() throws Exception {
        java.nio.file.Path legacy = tmp.resolve("registry/checkpoints/demo/home.json");
        Files.createDirectories(legacy.getParent());
        Files.writeString(legacy, "{\"last_published_day\":\"2026-01-04\",\"run_id\":\"old\"}\n");
        PublishCheckpoints c = checkpoints(new LocalObjectStore());

        assertEquals(Optional.of(LocalDate.of(2026, 1, 4)), c.lastPublished("demo", "home"));
        c.published("demo", "home", LocalDate.of(2026, 1, 2), "backfill");
        assertEquals(Optional.of(LocalDate.of(2026, 1, 4)), c.lastPublished("demo", "home"));
        c.published("demo", "home", LocalDate.of(2026, 1, 5), "daily");
        assertEquals(Optional.of(LocalDate.of(2026, 1, 5)), c.lastPublished("demo", "home"));
    }

    @Test
    void foldersThatAreNotIdentifiersAreNotPairs() throws Exception {
        PublishCheckpoints c = checkpoints(new LocalObjectStore());
        c.published("demo", "home", D1, "r");
        for (String stray : List.of("a:b", "registry", ".hidden")) {
            java.nio.file.Path f = tmp.resolve("registry/checkpoints").resolve(stray).resolve("home@2026-01-01.published.json");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "{}");
        }
        Files.writeString(tmp.resolve("registry/checkpoints/demo/file:@2026-01-01.published.json"), "{}");

        Map<TenantSurface, PublishCheckpoints.Checkpoint> all = c.all((t, s) -> true);

        assertEquals(List.of(new TenantSurface("demo", "home")), new ArrayList<>(all.keySet()));
        assertTrue(all.get(new TenantSurface("demo", "home")).lastPublished().equals(D1));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
