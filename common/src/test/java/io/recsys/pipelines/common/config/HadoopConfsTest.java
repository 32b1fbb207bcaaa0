package io.recsys.pipelines.common.config;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.PipelineConfig;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How the s3 block maps onto Hadoop's fs.s3a.* settings. */
class HadoopConfsTest {

    private static PipelineConfig config(String... overrides) {
        return ConfigLoader.load(null, List.of(overrides));
    }

    @Test
    void aServiceStyleEndpointBecomesAnS3aEndpointWithSchemePathStyleAndRegion() {
        Map<String, String> s = HadoopConfs.s3aSettings(config("s3.endpoint=minio:9000", "s3.use_ssl=false",
                "s3.region=", "s3.access_key=minioadmin", "s3.secret_key=minioadmin").s3());

        assertEquals(Map.of("fs.s3a.endpoint", "http://minio:9000", "fs.s3a.path.style.access", "true",
                "fs.s3a.connection.ssl.enabled", "false", "fs.s3a.endpoint.region", "us-east-1",
                "fs.s3a.access.key", "minioadmin", "fs.s3a.secret.key", "minioadmin"), s);
    }

    @Test
    void sslMeansHttps() {
        Map<String, String> s = HadoopConfs.s3aSettings(config("s3.endpoint=s3.internal:443", "s3.use_ssl=true").s3());

        assertEquals("https://s3.internal:443", s.get("fs.s3a.endpoint"));
        assertEquals("true", s.get("fs.s3a.connection.ssl.enabled"));
    }

    @Test
    void onAwsWithoutKeysNothingButTheRegionIsSetSoTheDefaultCredentialChainApplies() {
        assertEquals(Map.of("fs.s3a.endpoint.region", "eu-west-1"),
                HadoopConfs.s3aSettings(config("s3.region=eu-west-1").s3()));
        assertEquals(Map.of(), HadoopConfs.s3aSettings(config("s3.region=").s3()));
    }

    @Test
    void sparkHadoopSettingsPassThroughAndHaveTheLastWord() {
        Configuration conf = HadoopConfs.from(config("s3.endpoint=minio:9000", "s3.use_ssl=false",
                "spark.hadoop.fs.s3a.endpoint=http://other:9000", "spark.hadoop.fs.s3a.attempts.maximum=2"));

        assertEquals("http://other:9000", conf.get("fs.s3a.endpoint"));
        assertEquals("2", conf.get("fs.s3a.attempts.maximum"));
        assertEquals(".out/tmp/hadoop", conf.get("hadoop.tmp.dir"));
        assertNull(conf.get("spark.hadoop.fs.s3a.endpoint"));
    }

    @Test
    void theBucketsOfARunAreItsS3Locations() {
        PipelineConfig config = config("storage.registry=s3a://reg/registry", "storage.objectstore=s3a://blobs/",
                "input.exposures=s3a://raw/exposures/{date}.jsonl");

        assertEquals(List.of("s3a://raw/", "s3a://blobs/", "s3a://reg/"),
                HadoopConfs.s3Buckets(config).stream().map(Object::toString).toList());
    }
}
