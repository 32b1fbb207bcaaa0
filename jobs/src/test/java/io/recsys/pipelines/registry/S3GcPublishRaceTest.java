package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.artifact.ArtifactHeader;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ArtifactWindow;
import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.artifact.PopularityPayload;
import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.jobs.testing.S3Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 point 5 on S3 (a real S3 server; nothing locks there): gc runs at the worst moments of a
 * publish that re-uses an old blob (run --date <old day> --force). The pointer never names a
 * missing blob: the publish refreshes the blob it re-uses and checks it again before the swap, and
 * gc spares objects younger than the newest history entry. In the registry's package, for its hook.
 */
@ExtendWith(S3Server.Extension.class)
class S3GcPublishRaceTest {
    private final S3Server s3;
    @TempDir
    Path tmp;

    S3GcPublishRaceTest(S3Server s3) {
        this.s3 = s3;
    }

    private RegistryContext context(String bucket) {
        List<String> overrides = new ArrayList<>(s3.overrides(S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
        overrides.addAll(List.of("storage.registry=s3a://" + bucket + "/registry", "storage.objectstore=s3a://" + bucket + "/",
                "spark.hadoop.hadoop.tmp.dir=" + tmp));
        return RegistryContext.withoutSpark(ConfigLoader.load(null, overrides), Instant::now);
    }

    private static Artifact popularity(long count) {
        return new Artifact(new ArtifactHeader(ArtifactKind.POPULARITY, "demo", "home", "",
                ArtifactWindow.ofDays(LocalDate.of(2026, 1, 1), 1)), new PopularityPayload(List.of(new ItemCount("A", count))));
    }

    private static RunInfo run(String id) {
        return new RunInfo(id, Instant.now(), "tester", "race", Map.of());
    }

    private void raceAt(PublishHook.Step step) throws Exception {
        String bucket = "gcrace-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(bucket);
        RegistryContext ctx = context(bucket);
        PairPublisher.Result v1 = ctx.publisher(false).publish("demo", "home", List.of(popularity(5)), run("r1"));
        Thread.sleep(1_100); // S3 times have whole seconds: v1's blob is then older than the next entry
        ctx.publisher(false).publish("demo", "home", List.of(popularity(6)), run("r2"));
        Thread.sleep(1_100);
        String v1Key = v1.artifacts().get(0).ref().uri().substring(("s3://" + bucket + "/").length());
        List<GcReport> reports = new ArrayList<>();
        ctx.registry().setHook(s -> {
            if (s == step && reports.isEmpty()) {
                reports.add(ctx.garbageCollector().collect("demo", "home", 1, Duration.ZERO, false));
            }
        });

        PairPublisher.Result again = ctx.publisher(true).publish("demo", "home", List.of(popularity(5)), run("r3"));

        assertTrue(again.outcome().published());
        assertEquals(v1.artifacts().get(0).ref().uri(), again.outcome().manifest().current().get("popularity"));
        assertTrue(s3.get(bucket, v1Key).isPresent(), "the pointer names " + v1Key + ", which exists; gc: " + reports);
        VerifyReport verify = ctx.verifier().verify("demo", "home");
        assertTrue(verify.ok(), verify.problems().toString());
    }

    @Test
    void gcBetweenTheBlobStepAndTheEntry() throws Exception {
        raceAt(PublishHook.Step.AFTER_RECORDS);
    }

    @Test
    void gcJustBeforeTheEntryIsCreated() throws Exception {
        raceAt(PublishHook.Step.BEFORE_HISTORY_ENTRY);
    }
}
