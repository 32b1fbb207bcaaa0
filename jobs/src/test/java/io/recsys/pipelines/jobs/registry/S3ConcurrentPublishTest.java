package io.recsys.pipelines.jobs.registry;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.artifact.ArtifactHeader;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ArtifactWindow;
import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.artifact.PopularityPayload;
import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.jobs.testing.S3Server;
import io.recsys.pipelines.registry.HistoryEntry;
import io.recsys.pipelines.registry.PublishOutcome;
import io.recsys.pipelines.registry.Registry;
import io.recsys.pipelines.registry.RegistryContext;
import io.recsys.pipelines.registry.RunInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract 6 on S3 (a real S3 server, no lock anywhere): 8 publishers x 10 rounds race on one
 * (tenant, surface). The create-only history entry (If-None-Match) is the only serialization point;
 * no update is lost, the history is contiguous and the pointer ends at the newest entry.
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

    private static Artifact artifact(int worker, int round) {
        return new Artifact(new ArtifactHeader(ArtifactKind.POPULARITY, "demo", "home", "",
                ArtifactWindow.ofDays(LocalDate.of(2026, 1, 1), 1)),
                new PopularityPayload(List.of(new ItemCount("common", 100), new ItemCount("w" + worker, round + 1))));
    }

    private List<String> race(RegistryContext ctx, int worker) {
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String runId = "w" + worker + "-r" + round;
            try {
                PublishOutcome outcome = ctx.publisher(false).publish("demo", "home", List.of(artifact(worker, round)),
                        new RunInfo(runId, Instant.now(), "worker-" + worker, "race", Map.of())).outcome();
                outcomes.add((outcome.published() ? "published " : "unchanged ") + outcome.seq() + " " + runId);
            } catch (PipelineException e) {
                if (e.exitCode() != ExitCode.CONFLICT) {
                    throw e;
                }
                outcomes.add("conflict " + runId + ": " + e.getMessage());
            }
        }
        return outcomes;
    }

    @Test
    @Timeout(300)
    void publishersRacingOnS3NeverLoseAnUpdate() throws Exception {
        s3.createBucket(bucket);
        RegistryContext ctx = context();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        List<Future<List<String>>> workers = new ArrayList<>();
        for (int w = 0; w < PUBLISHERS; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                start.await();
                return race(ctx, worker);
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<List<String>> worker : workers) {
            outcomes.addAll(worker.get(280, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertEquals(PUBLISHERS * ROUNDS, outcomes.size());
        for (String outcome : outcomes) {
            assertTrue(outcome.startsWith("published ") || outcome.startsWith("unchanged ")
                    || (outcome.startsWith("conflict ") && outcome.contains("was created first by run ")), outcome);
        }
        Registry registry = ctx.registry();
        long newest = registry.latestSeq("demo", "home");
        List<Long> seqs = s3.keys(bucket, "registry/history/demo/home/").stream()
                .map(k -> Long.parseLong(k.substring(k.lastIndexOf('/') + 1, k.length() - ".json".length()))).toList();
        assertEquals(LongStream.rangeClosed(1, newest).boxed().toList(), seqs, "a contiguous history 1..N");
        HistoryEntry last = registry.latestEntry("demo", "home").orElseThrow();
        assertEquals(last.manifest(), registry.pointer("demo", "home").orElseThrow(), "the pointer equals the newest entry");
        Set<String> published = outcomes.stream().filter(o -> o.startsWith("published "))
                .map(o -> o.split(" ")[2]).collect(Collectors.toCollection(TreeSet::new));
        Set<String> entries = seqs.stream().map(seq -> registry.entry("demo", "home", seq).runId())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(published, entries, "every reported publish has its entry, and no entry is unaccounted for");
        for (long seq = 2; seq <= newest; seq++) {
            assertEquals(seq - 1, registry.entry("demo", "home", seq).previousSeq(), "entry " + seq + " follows its predecessor");
        }
        System.out.printf("S3 race: %d published, %d conflicts%n", published.size(),
                outcomes.stream().filter(o -> o.startsWith("conflict ")).count());
    }
}
