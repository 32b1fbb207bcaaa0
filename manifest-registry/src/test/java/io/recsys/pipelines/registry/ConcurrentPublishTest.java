package io.recsys.pipelines.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract 6 on a local registry: 8 publishers x 10 rounds on one (tenant, surface), as threads of
 * one JVM (the in-process lock) and as separate JVMs (the OS file lock). Whatever the interleaving,
 * no update is lost and the pointer ends at the newest entry. The lock queues the publishers, so
 * none of them ever meets a conflict: each one publishes on top of the previous one.
 */
class ConcurrentPublishTest {
    static final int PUBLISHERS = 8;
    static final int ROUNDS = 10;

    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void threadsOfOneJvmNeverLoseAnUpdate() throws Exception {
        RegistryFixture fx = new RegistryFixture(tmp);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        List<Future<List<String>>> workers = new ArrayList<>();
        for (int w = 0; w < PUBLISHERS; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                start.await();
                return RacingPublisher.race(fx.registryDir(), fx.objectDir(), worker, ROUNDS);
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<List<String>> worker : workers) {
            outcomes.addAll(worker.get(100, TimeUnit.SECONDS));
        }
        pool.shutdown();

        RaceAssertions.assertNoUpdateLost(fx, outcomes, PUBLISHERS * ROUNDS);
        assertQueuedByTheLock(outcomes);
    }

    @Test
    @Timeout(180)
    void separateProcessesNeverLoseAnUpdate() throws Exception {
        RegistryFixture fx = new RegistryFixture(tmp);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path startFolder = Files.createDirectories(tmp.resolve("start"));
        List<Process> processes = new ArrayList<>();
        for (int w = 0; w < PUBLISHERS; w++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    RacingPublisher.class.getName(), fx.registryDir().toString(), fx.objectDir().toString(),
                    String.valueOf(w), String.valueOf(ROUNDS), startFolder.toString())
                    .redirectError(tmp.resolve("worker-" + w + ".err").toFile())
                    .start());
        }
        while (fileCount(startFolder) < PUBLISHERS) {
            Thread.sleep(10);
        }
        Files.createFile(startFolder.resolve("go"));
        List<String> outcomes = new ArrayList<>();
        for (Process p : processes) {
            outcomes.addAll(stdout(p));
            assertTrue(p.waitFor(150, TimeUnit.SECONDS), "publisher process finished");
            assertEquals(0, p.exitValue(), "publisher process failed; see " + tmp + "/worker-*.err");
        }

        RaceAssertions.assertNoUpdateLost(fx, outcomes, PUBLISHERS * ROUNDS);
        assertQueuedByTheLock(outcomes);
    }

    /** Under the pair lock no publisher can lose the entry number, so every distinct artifact goes live. */
    private static void assertQueuedByTheLock(List<String> outcomes) {
        assertEquals(0, RaceAssertions.count(outcomes, "conflict"), String.join("\n", outcomes));
        assertEquals(PUBLISHERS * ROUNDS, RaceAssertions.count(outcomes, "published"), String.join("\n", outcomes));
    }

    private static long fileCount(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    private static List<String> stdout(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
