package io.recsys.pipelines.jobs.registry;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.jobs.testing.S3Server;
import io.recsys.pipelines.registry.RaceAssertions;
import io.recsys.pipelines.registry.RacingPublisher;
import io.recsys.pipelines.registry.Registry;
import io.recsys.pipelines.registry.RegistryContext;
import io.recsys.pipelines.registry.RegistryFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Contract 6 on S3 (a real S3 server, no lock anywhere): 8 publishers x 10 rounds race on one
 * (tenant, surface). The create-only history entry (If-None-Match) is the only serialization point.
 * The publishers create their entries in lockstep, so every round really is a race: exactly one
 * publish per round wins, the seven others lose with a conflict, and still no update is lost, the
 * history is contiguous and the pointer ends at the newest entry.
 */
@ExtendWith(S3Server.Extension.class)
class S3ConcurrentPublishTest {
    private static final int PUBLISHERS = 8;
    private static final int ROUNDS = 10;

    private final S3Server s3;
    private final String bucket = "race-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    Path tmp;

    S3ConcurrentPublishTest(S3Server s3) {
        this.s3 = s3;
    }

    private RegistryContext context() {
        List<String> overrides = new ArrayList<>(s3.overrides(S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
        overrides.addAll(List.of("storage.registry=s3a://" + bucket + "/registry", "storage.objectstore=s3a://" + bucket + "/",
                "spark.hadoop.hadoop.tmp.dir=" + tmp));
        return RegistryContext.withoutSpark(ConfigLoader.load(null, overrides), Instant::now);
    }

    @Test
    @Timeout(300)
    void publishersRacingOnS3ConflictEveryRoundAndNeverLoseAnUpdate() throws Exception {
        s3.createBucket(bucket);
        RegistryContext ctx = context();
        RacingPublisher.inLockstep(ctx.registry(), PUBLISHERS);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        List<Future<List<String>>> workers = new ArrayList<>();
        for (int w = 0; w < PUBLISHERS; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                start.await();
                return RacingPublisher.race(() -> ctx.publisher(false), worker, ROUNDS);
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<List<String>> worker : workers) {
            outcomes.addAll(worker.get(280, TimeUnit.SECONDS));
        }
        pool.shutdown();

        Registry registry = ctx.registry();
        List<Long> seqs = s3.keys(bucket, "registry/history/demo/home/").stream()
                .map(k -> Long.parseLong(k.substring(k.lastIndexOf('/') + 1, k.length() - ".json".length()))).toList();
        RaceAssertions.assertNoUpdateLost(registry, seqs,
                registry.pointer(RegistryFixture.TENANT, RegistryFixture.SURFACE).orElseThrow(), outcomes, PUBLISHERS * ROUNDS);
        String all = String.join("\n", outcomes);
        assertEquals(ROUNDS, RaceAssertions.count(outcomes, "published"), "one winner per round:\n" + all);
        assertEquals((long) (PUBLISHERS - 1) * ROUNDS, RaceAssertions.count(outcomes, "conflict"),
                "every other publisher of a round lost the entry number:\n" + all);
    }
}
