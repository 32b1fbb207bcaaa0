package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.HadoopConfs;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.ConditionalWriteProbe;
import io.recsys.pipelines.jobs.cli.Main;
import io.recsys.pipelines.jobs.testing.Captured;
import io.recsys.pipelines.jobs.testing.RecordingProxy;
import io.recsys.pipelines.jobs.testing.S3Server;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check of the S3 server's create-only PUTs: it passes on a server that has them and leaves
 * nothing behind; on a server that ignores If-None-Match (the S3 test server behind a proxy that
 * drops the header), a run's check and the writing manifest commands stop with exit 7, and the
 * commands that only read go on.
 */
@ExtendWith(S3Server.Extension.class)
class ConditionalWriteProbeTest {
    private final S3Server s3;
    private final String bucket = "probe-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    Path tmp;

    ConditionalWriteProbeTest(S3Server s3) {
        this.s3 = s3;
    }

    @Test
    void aServerWithConditionalWritesPassesAndTheProbeObjectIsGone() {
        s3.createBucket(bucket);
        PipelineConfig config = ConfigLoader.load(null, overrides(s3.endpoint()));
        Configuration conf = new Configuration();
        HadoopConfs.apply(config, conf);

        ConditionalWriteProbe.check(roots(config), false, conf, "run-1");
        ConditionalWriteProbe.check(roots(config), false, conf, "run-2");

        assertEquals(List.of(), s3.keys(bucket, ""), "no probe object and no folder marker is left");
    }

    @Test
    void aServerThatOverwritesStopsTheRunsCheckAndTheWritingManifestCommandsWithExit7() throws Exception {
        try (S3Server open = S3Server.startWithoutAuthorization();
             RecordingProxy overwriting = RecordingProxy.to(open.url(), Set.of("if-none-match"))) {
            open.createBucket(bucket);
            List<String> overrides = overrides(overwriting.endpoint());
            PipelineConfig config = ConfigLoader.load(null, overrides);
            Configuration conf = new Configuration();
            HadoopConfs.apply(config, conf);

            PipelineException refused = assertThrows(PipelineException.class,
                    () -> ConditionalWriteProbe.check(roots(config), false, conf, "run-1"), () -> "the server saw "
                            + overwriting.exchanges().stream().map(e -> e + " " + e.headers()).toList());
            assertEquals(ExitCode.STORAGE, refused.exitCode());
            assertTrue(refused.getMessage().contains("overwrote an existing object")
                    && refused.getMessage().contains("storage.single_writer"), refused.getMessage());
            ConditionalWriteProbe.check(roots(config), true, conf, "run-2");

            String gc = Captured.err(() -> assertEquals(7, manifest(overrides, "gc", "--keep", "1")));
            assertTrue(gc.contains("does not honour conditional writes"), gc);
            assertEquals(0, manifest(overrides, "gc", "--keep", "1", "--dry-run"), "a dry run writes nothing");
            assertEquals(0, manifest(overrides, "status"), "reading needs no conditional writes");
            List<String> declared = new ArrayList<>(overrides);
            declared.add("storage.single_writer=true");
            assertEquals(0, manifest(declared, "gc", "--keep", "1"), "one declared writer");
        }
    }

    private List<String> overrides(String endpoint) {
        return List.of("s3.endpoint=" + endpoint, "s3.use_ssl=false", "s3.access_key=" + S3Server.ACCESS_KEY,
                "s3.secret_key=" + S3Server.SECRET_KEY, "spark.hadoop.fs.s3a.attempts.maximum=1",
                "spark.hadoop.fs.s3a.retry.limit=1", "spark.hadoop.hadoop.tmp.dir=" + tmp,
                "storage.canonical=s3a://" + bucket + "/canonical", "storage.aggregates=s3a://" + bucket + "/aggregates",
                "storage.registry=s3a://" + bucket + "/registry", "storage.objectstore=s3a://" + bucket + "/");
    }

    private static List<String> roots(PipelineConfig config) {
        return List.of(config.storage().canonical(), config.storage().aggregates(), config.storage().registry(),
                config.storage().objectstore());
    }

    private static int manifest(List<String> overrides, String... args) {
        List<String> all = new ArrayList<>(List.of("manifest"));
        all.addAll(List.of(args));
        all.addAll(S3Server.setArgs(overrides));
        return Main.execute(all.toArray(String[]::new));
    }
}
