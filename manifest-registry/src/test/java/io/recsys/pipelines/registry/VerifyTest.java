package io.recsys.pipelines.registry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.recsys.pipelines.registry.RegistryFixture.SURFACE;
import static io.recsys.pipelines.registry.RegistryFixture.TENANT;
import static io.recsys.pipelines.registry.RegistryFixture.popularity;
import static io.recsys.pipelines.registry.RegistryFixture.popularityOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** verify passes only when the service would accept everything live and every blob still has its version. */
class VerifyTest {
    @TempDir
    Path tmp;
    RegistryFixture fx;
    PairPublisher.Result live;

    @BeforeEach
    void publish() {
        fx = new RegistryFixture(tmp);
        live = fx.publish(popularity("A=12", "B=3"));
        fx.publish(popularityOf(TENANT, "search", "Z=1"));
    }

    private void rewriteBlob(String from, String to) throws Exception {
        Path blob = fx.blobFile(live);
        String text = Files.readString(blob, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), text);
        Files.writeString(blob, text.replace(from, to), StandardCharsets.UTF_8);
    }

    @Test
    void passesForEveryPairOfAHealthyRegistry() {
        CliResult result = fx.cli("verify");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("demo/home: ok, blobs checked: 1"), result.out());
        assertTrue(result.out().contains("demo/search: ok"), result.out());
    }

    @Test
    void failsOnABlobWithOneByteChanged() throws Exception {
        rewriteBlob("\"count\":12", "\"count\":13");

        CliResult result = fx.cli("verify", "--tenant", TENANT, "--surface", SURFACE);

        assertEquals(5, result.exitCode(), result.toString());
        assertTrue(result.out().contains("stored blob hashes to"), result.out());
        assertTrue(result.out().contains("not to its version " + live.artifacts().get(0).ref().version()), result.out());
    }

    @Test
    void failsOnAMissingBlob() throws Exception {
        Files.delete(fx.blobFile(live));

        CliResult result = fx.cli("verify");

        assertEquals(5, result.exitCode(), result.toString());
        assertTrue(result.out().contains("blob is missing"), result.out());
        assertTrue(result.out().contains("demo/search: ok"), "other pairs are still verified: " + result.out());
    }

    @Test
    void failsWhenBuildVersionDisagreesWithTheKey() throws Exception {
        String version = live.artifacts().get(0).ref().version();
        rewriteBlob("\"version\":\"" + version + "\"", "\"version\":\"" + "0".repeat(64) + "\"");

        CliResult result = fx.cli("verify", "--tenant", TENANT, "--surface", SURFACE);

        assertEquals(5, result.exitCode(), result.toString());
        assertTrue(result.out().contains("build.version is \"" + "0".repeat(64)), result.out());
    }

    @Test
    void failsOnWhatTheServiceWouldRejectSuchAFloatCountOrAnOversizedBlob() throws Exception {
        CliResult oversized = fx.cli("verify", "--set", "publish.max_artifact_bytes=50");
        rewriteBlob("\"count\":12", "\"count\":12.0");
        CliResult floatCount = fx.cli("verify", "--tenant", TENANT, "--surface", SURFACE);

        assertEquals(5, oversized.exitCode(), oversized.toString());
        assertTrue(oversized.out().contains("over the service limit of 50"), oversized.out());
        assertEquals(5, floatCount.exitCode(), floatCount.toString());
        assertTrue(floatCount.out().contains("count is not an integer"), floatCount.out());
    }

    @Test
    void failsOnAManifestForAnotherPair() throws Exception {
        Files.copy(fx.pointerFile(TENANT, "search"), fx.pointerFile(TENANT, SURFACE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        CliResult result = fx.cli("verify", "--tenant", TENANT, "--surface", SURFACE);

        assertEquals(5, result.exitCode(), result.toString());
        assertTrue(result.out().contains("manifest: surface is \"search\", expected \"home\""), result.out());
    }

    @Test
    void anEmptyRegistryIsAConfigurationProblem() {
        CliResult result = RegistryFixture.runCli(fx.clock(), "verify", "--set", "storage.registry=" + tmp.resolve("nothing"));

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("nothing to verify"), result.err());
    }
}
