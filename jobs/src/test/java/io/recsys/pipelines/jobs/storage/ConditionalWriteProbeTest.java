package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.HadoopConfs;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.jobs.testing.S3Server;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The run's check of the S3 server's create-only PUTs passes on a server that has them and leaves nothing behind. */
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
        List<String> overrides = new ArrayList<>(s3.overrides(S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
        overrides.addAll(List.of("storage.canonical=s3a://" + bucket + "/canonical", "storage.aggregates=s3a://" + bucket
                + "/aggregates", "storage.registry=s3a://" + bucket + "/registry", "spark.hadoop.hadoop.tmp.dir=" + tmp));
        PipelineConfig config = ConfigLoader.load(null, overrides);
        Configuration conf = new Configuration();
        HadoopConfs.apply(config, conf);

        ConditionalWriteProbe.check(config, conf, "run-1");
        ConditionalWriteProbe.check(config, conf, "run-2");

        assertEquals(List.of(), s3.keys(bucket, "canonical/").stream().filter(k -> !k.endsWith("/")).toList());
    }
}
