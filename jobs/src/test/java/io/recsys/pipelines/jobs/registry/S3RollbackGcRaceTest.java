package io.recsys.pipelines.jobs.registry;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.jobs.testing.S3Server;
import io.recsys.pipelines.registry.GcReport;
import io.recsys.pipelines.registry.Hooks;
import io.recsys.pipelines.registry.PairPublisher;
import io.recsys.pipelines.registry.PublishOutcome;
import io.recsys.pipelines.registry.RegistryContext;
import io.recsys.pipelines.registry.RegistryFixture;
import io.recsys.pipelines.registry.RollbackRequest;
import io.recsys.pipelines.registry.RunInfo;
import io.recsys.pipelines.registry.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.recsys.pipelines.registry.RegistryFixture.SURFACE;
import static io.recsys.pipelines.registry.RegistryFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On S3 nothing locks gc out of a pair, so a rollback is held to the publish's blob fence: gc run
 * between the rollback's blob check and its history entry (the moment of the race) finds the
 * target's blob refreshed, spares it, and the pointer never names a deleted blob.
 */
@ExtendWith(S3Server.Extension.class)
class S3RollbackGcRaceTest {
    private final S3Server s3;
    private final String bucket = "rollback-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    Path tmp;

    S3RollbackGcRaceTest(S3Server s3) {
        this.s3 = s3;
    }

    @Test
    void gcRacingARollbackNeverLeavesThePointerNamingADeletedBlob() throws Exception {
        s3.createBucket(bucket);
        List<String> overrides = new ArrayList<>(s3.overrides(S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
        overrides.addAll(List.of("storage.registry=s3a://" + bucket + "/registry", "storage.objectstore=s3a://" + bucket + "/",
                "spark.hadoop.hadoop.tmp.dir=" + tmp));
        RegistryContext ctx = RegistryContext.withoutSpark(ConfigLoader.load(null, overrides), Instant::now);
        PairPublisher publisher = ctx.publisher(false);
        RunInfo run = new RunInfo("race", Instant.now(), "test", "race", Map.of());
        String v1 = publisher.publish(TENANT, SURFACE, List.of(RegistryFixture.popularity("A=5")), run).outcome()
                .manifest().current().get("popularity");
        Thread.sleep(1500); // S3 times have whole seconds: v1's blob is older than entry 2
        publisher.publish(TENANT, SURFACE, List.of(RegistryFixture.popularity("A=6")), run);
        List<GcReport> gc = new ArrayList<>();
        Hooks.once(ctx.registry(), "BEFORE_HISTORY_ENTRY",
                () -> gc.add(ctx.garbageCollector().collect(TENANT, SURFACE, 1, Duration.ZERO, false)));

        PublishOutcome rolledBack = ctx.registry().rollback(new RollbackRequest(TENANT, SURFACE, 1L, null, "bad data",
                "ops", "rollback-race"), ctx.store());

        assertEquals(1, gc.size(), "gc ran inside the rollback");
        assertEquals(v1, rolledBack.manifest().current().get("popularity"));
        String key = v1.substring(("s3://" + bucket + "/").length());
        assertTrue(s3.get(bucket, key).isPresent(), "the restored blob is there: " + gc.get(0));
        VerifyReport verify = ctx.verifier().verify(TENANT, SURFACE);
        assertTrue(verify.ok(), verify.toString());
    }
}
