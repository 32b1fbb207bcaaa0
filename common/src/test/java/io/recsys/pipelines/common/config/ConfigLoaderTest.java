package io.recsys.pipelines.common.config;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    @TempDir
    Path tmp;

    @Test
    void defaultsHoldTheContractLimitsAndKeepOutputsUnderDotOut() {
        PipelineConfig c = ConfigLoader.load(null, List.of());
        assertEquals(1000, c.limits().maxItemsPerArtifact());
        assertEquals(50, c.limits().maxNeighborsPerItem());
        assertEquals(2, c.limits().minCoocSupport());
        assertEquals(200, c.limits().maxItemsPerSession());
        assertEquals(500, c.limits().maxItemsPerUser());
        assertEquals(0.01, c.limits().maxRejectRatio());
        assertEquals(365, c.limits().maxDaysBackfill());
        assertEquals(100_000, c.limits().maxUsersPerArtifact());
        assertEquals(1_048_576, c.limits().maxLineBytes());
        assertTrue(c.dedupe());
        assertEquals(new PipelineConfig.PopularityWeights(1, 0, 0), c.popularityWeights());
        assertEquals(".out/registry", c.storage().registry());
        assertTrue(c.storage().canonical().startsWith(".out/"));
        assertEquals(10_000_000L, c.publishGates().maxArtifactBytes());
    }

    @Test
    void setOverridesDefaultsAndKeepsPathCharactersAsTheyAre() {
        PipelineConfig c = ConfigLoader.load(null, List.of("limits.max_items_per_artifact=7",
                "input.exposures=s3a://bucket/raw/{date}/*.jsonl", "canonicalize.dedupe=false"));
        assertEquals(7, c.limits().maxItemsPerArtifact());
        assertEquals("s3a://bucket/raw/{date}/*.jsonl", c.input().exposures());
        assertFalse(c.dedupe());
    }

    @Test
    void aKeyThatIsAPrefixOfAnotherIsRefusedInsteadOfSilentlyReplacingIt() throws Exception {
        String endpoint = "spark.hadoop.fs.s3a.assumed.role.sts.endpoint";
        PipelineException both = assertThrows(PipelineException.class, () -> ConfigLoader.load(null,
                List.of(endpoint + "=sts.eu-west-1.amazonaws.com", endpoint + ".region=eu-west-1")));
        assertEquals(ExitCode.USAGE, both.exitCode());
        assertTrue(both.getMessage().contains(endpoint + " and " + endpoint + ".region cannot both be set")
                && both.getMessage().contains("core-site.xml"), both.getMessage());

        Path file = tmp.resolve("site.conf");
        Files.writeString(file, "spark { hadoop.fs.s3a.assumed.role.sts.endpoint.region = eu-west-1 }\n");
        assertThrows(PipelineException.class, () -> ConfigLoader.load(file, List.of(endpoint + "=sts.amazonaws.com")));
        assertEquals("eu-west-1", ConfigLoader.load(file, List.of()).sparkSettings()
                .get("spark.hadoop.fs.s3a.assumed.role.sts.endpoint.region"));
    }

    @Test
    void emptyOutcomesMeansNoOutcomeStream() {
        assertFalse(ConfigLoader.load(null, List.of("input.outcomes=")).input().hasOutcomes());
        assertFalse(ConfigLoader.load(null, List.of("input.outcomes=\"\"")).input().hasOutcomes());
        assertTrue(ConfigLoader.load(null, List.of()).input().hasOutcomes());
    }

    @Test
    void fileLayersOnTopOfDefaultsAndSetOnTopOfTheFile() throws Exception {
        Path file = tmp.resolve("site.conf");
        Files.writeString(file, "limits { max_items_per_artifact = 20, min_cooc_support = 3 }\n");
        PipelineConfig c = ConfigLoader.load(file, List.of("limits.min_cooc_support=4"));
        assertEquals(20, c.limits().maxItemsPerArtifact());
        assertEquals(4, c.limits().minCoocSupport());
        assertEquals(50, c.limits().maxNeighborsPerItem());
    }

    @Test
    void unknownKeyInSetFailsNamingTheKey() {
        PipelineException e = assertThrows(PipelineException.class,
                () -> ConfigLoader.load(null, List.of("limits.max_itemz=3")));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("limits.max_itemz"), e.getMessage());
    }

    @Test
    void unknownKeyInFileFailsNamingTheKeyAndTheFile() throws Exception {
        Path file = tmp.resolve("typo.conf");
        Files.writeString(file, "storage { registy = \"/tmp/r\" }\n");
        PipelineException e = assertThrows(PipelineException.class, () -> ConfigLoader.load(file, List.of()));
        assertTrue(e.getMessage().contains("storage.registy"), e.getMessage());
        assertTrue(e.getMessage().contains("typo.conf"), e.getMessage());
    }

    @Test
    void badValuesFailNamingTheKey() {
        for (String bad : List.of("limits.max_reject_ratio=lots", "limits.max_reject_ratio=1.5",
                "limits.max_items_per_artifact=0", "canonicalize.dedupe=maybe", "popularity.weights.click=-1",
                "limits.max_users_per_artifact=0", "limits.max_users_per_artifact=many", "limits.max_users_per_artifact=1.5",
                "limits.max_line_bytes=1023", "limits.max_line_bytes=1073741825", "limits.max_line_bytes=1MiB")) {
            PipelineException e = assertThrows(PipelineException.class, () -> ConfigLoader.load(null, List.of(bad)), bad);
            String key = bad.substring(0, bad.indexOf('='));
            assertTrue(e.getMessage().contains(key), e.getMessage());
            assertEquals(ExitCode.USAGE, e.exitCode());
        }
    }

    @Test
    void allZeroPopularityWeightsAreRejected() {
        PipelineException e = assertThrows(PipelineException.class,
                () -> ConfigLoader.load(null, List.of("popularity.weights.exposure=0")));
        assertTrue(e.getMessage().contains("popularity.weights"), e.getMessage());
    }

    @Test
    void setWithoutEqualsSignIsAUsageError() {
        PipelineException e = assertThrows(PipelineException.class, () -> ConfigLoader.load(null, List.of("limits")));
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
    }

    @Test
    void aMalformedSetEchoesItsKeyButNeverItsValue() {
        for (String bad : List.of("s3.secret_key:hunter2value", "s3.secret_key:=hunter2value", ":hunter2value", "=hunter2value")) {
            PipelineException e = assertThrows(PipelineException.class, () -> ConfigLoader.load(null, List.of(bad)), bad);
            assertFalse(e.getMessage().contains("hunter2value"), e.getMessage());
            assertTrue(e.getMessage().contains("withheld"), e.getMessage());
            assertEquals(ExitCode.USAGE, e.exitCode());
        }
        PipelineException e = assertThrows(PipelineException.class,
                () -> ConfigLoader.load(null, List.of("s3.secret_key:hunter2value")));
        assertTrue(e.getMessage().contains("'s3.secret_key'"), e.getMessage());
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
    }

    @Test
    void sparkSectionIsFreeFormAndPassedThroughWithItsPrefix() {
        PipelineConfig c = ConfigLoader.load(null, List.of("spark.sql.shuffle.partitions=64",
                "spark.hadoop.fs.s3a.connection.maximum=32"));
        assertEquals("64", c.sparkSettings().get("spark.sql.shuffle.partitions"));
        assertEquals("32", c.sparkSettings().get("spark.hadoop.fs.s3a.connection.maximum"));
    }

    @Test
    void missingConfigFileIsAUsageErrorNamingIt() {
        PipelineException e = assertThrows(PipelineException.class,
                () -> ConfigLoader.load(tmp.resolve("nope.conf"), List.of()));
        assertTrue(e.getMessage().contains("nope.conf"), e.getMessage());
    }
}
