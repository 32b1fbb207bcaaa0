package io.recsys.pipelines.common.config;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The s3 block: defaults from the service's variables, overrides, and conf/minio.conf. */
class S3ConfigTest {
    private static final Path MINIO_CONF = Path.of("../conf/minio.conf");

    @Test
    void defaultsComeFromTheServicesVariables() {
        // The build sets RECSYS_ARTIFACT_S3_REGION for this module's tests (common/pom.xml).
        PipelineConfig.S3Config s3 = ConfigLoader.load(null, List.of()).s3();

        assertEquals(System.getenv("RECSYS_ARTIFACT_S3_REGION"), s3.region());
        assertEquals("", s3.endpoint());
        assertFalse(s3.hasKeys());
        assertTrue(s3.useSsl());
        assertFalse(s3.pathStyle(), "AWS (no endpoint) gets virtual-hosted requests");
    }

    @Test
    void setOverridesAnEnvironmentDefault() {
        PipelineConfig.S3Config s3 = ConfigLoader.load(null, List.of("s3.endpoint=minio:9000", "s3.use_ssl=false",
                "s3.region=eu-west-3")).s3();

        assertEquals("minio:9000", s3.endpoint());
        assertEquals("eu-west-3", s3.region());
        assertTrue(s3.pathStyle(), "an endpoint gets path-style requests unless told otherwise");
    }

    @Test
    void minioConfPutsEveryLocationInOneBucketWithTheLocalServersDefaults() {
        PipelineConfig config = ConfigLoader.load(MINIO_CONF, List.of());

        assertEquals("s3a://recsys-artifacts/", config.storage().objectstore());
        assertEquals("s3a://recsys-artifacts/registry", config.storage().registry());
        assertEquals("s3a://recsys-artifacts/canonical", config.storage().canonical());
        assertEquals("s3a://recsys-artifacts/aggregates", config.storage().aggregates());
        assertEquals("s3a://recsys-artifacts/reports", config.storage().reports());
        assertEquals("s3a://recsys-artifacts/raw/exposures/{date}.jsonl", config.input().exposures());
        assertEquals("127.0.0.1:9000", config.s3().endpoint());
        assertFalse(config.s3().useSsl());
        assertTrue(config.s3().hasKeys());
    }

    @Test
    void keysGoTogether() {
        PipelineException e = assertThrows(PipelineException.class,
                () -> ConfigLoader.load(null, List.of("s3.access_key=AKIA")));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("s3.secret_key"), e.getMessage());
    }

    @Test
    void pathStyleIsAutoTrueOrFalse() {
        PipelineException e = assertThrows(PipelineException.class,
                () -> ConfigLoader.load(null, List.of("s3.path_style=sometimes")));
        assertTrue(e.getMessage().contains("s3.path_style"), e.getMessage());
        assertFalse(ConfigLoader.load(null, List.of("s3.endpoint=minio:9000", "s3.path_style=false")).s3().pathStyle());
    }

    @Test
    void keysNeverShowInTheConfigsText() {
        PipelineConfig config = ConfigLoader.load(null, List.of("s3.access_key=AKIA-VISIBLE", "s3.secret_key=s3cr3t-value"));

        assertFalse(config.toString().contains("s3cr3t-value"), config.toString());
        assertFalse(config.toString().contains("AKIA-VISIBLE"), config.toString());
    }
}
