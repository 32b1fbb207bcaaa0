package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.PipelineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.recsys.pipelines.registry.RegistryFixture.popularity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 point 7: the pointer is written exactly where the service's template says
 * (storage.manifest_template, or RECSYS_ARTIFACT_MANIFEST_TEMPLATE); a template and a registry that
 * disagree stop the command (exit 2) naming both; status prints the template it checked.
 */
class ManifestTemplateTest {
    @TempDir
    Path tmp;

    private List<String> storage(String... more) {
        List<String> all = new ArrayList<>(List.of("storage.registry=" + tmp.resolve("registry"),
                "storage.objectstore=" + tmp.resolve("objectstore")));
        all.addAll(List.of(more));
        return all;
    }

    private RegistryContext context(String... more) {
        PipelineConfig config = ConfigLoader.load(null, storage(more));
        return RegistryContext.withoutSpark(config, Instant::now);
    }

    private static CliResult cli(List<String> sets, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        sets.forEach(s -> all.addAll(List.of("--set", s)));
        return RegistryFixture.runCli(new TestClock(Instant.now()), all.toArray(String[]::new));
    }

    @Test
    void aPublishWritesThePointerWhereTheTemplateSaysAndTheCommandsReadItThere() {
        String template = "file://" + tmp.resolve("pointers") + "/{tenant}/{surface}.json";
        RegistryContext ctx = context("storage.manifest_template=" + template);

        PairPublisher.Result result = ctx.publisher(false).publish("demo", "home", List.of(popularity("A=1")),
                new RunInfo("run-1", Instant.now(), "t", "r", Map.of()));

        assertTrue(result.outcome().published());
        assertTrue(Files.isRegularFile(tmp.resolve("pointers/demo/home.json")));
        assertFalse(Files.exists(tmp.resolve("registry/current")), "nothing at the registry's default place");
        List<String> sets = storage("storage.manifest_template=" + template);
        CliResult status = cli(sets, "status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("pointers checked at " + template), status.out());
        assertTrue(status.out().contains("demo/home"), status.out());
        assertEquals(0, cli(sets, "verify").exitCode());
        assertEquals(0, cli(sets, "show", "--tenant", "demo", "--surface", "home").exitCode());
    }

    @Test
    void theDefaultTemplateIsTheRegistrysCurrentFolderAndStatusSaysSo() {
        CliResult status = cli(storage(), "status");
        assertTrue(status.out().contains("pointers checked at file://" + tmp.resolve("registry")
                + "/current/{tenant}/{surface}/manifest.json"), status.toString());
    }

    @Test
    void aTemplateThatDisagreesWithTheRegistryStopsTheCommandNamingBoth() {
        String other = "file://" + tmp.resolve("elsewhere") + "/current/{tenant}/{surface}/manifest.json";
        CliResult status = cli(storage("storage.manifest_template=" + other), "status");
        assertEquals(2, status.exitCode(), status.toString());
        assertTrue(status.err().contains(other) && status.err().contains(tmp.resolve("registry").toString()), status.err());
    }

    /** The service's variable itself, in a separate JVM (the environment of this one cannot change). */
    @Test
    @Timeout(120)
    void theServicesEnvironmentVariableIsHonoured() throws Exception {
        String template = "file://" + tmp.resolve("elsewhere") + "/current/{tenant}/{surface}/manifest.json";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ManifestMain.class.getName(), "status"));
        storage().forEach(s -> command.addAll(List.of("--set", s)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("RECSYS_ARTIFACT_MANIFEST_TEMPLATE", template);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(100, TimeUnit.SECONDS));

        assertEquals(2, p.exitValue(), output);
        assertTrue(output.contains(template) && output.contains("disagree"), output);
    }

    /** `manifest ...` as a process, for the environment-variable test. */
    public static final class ManifestMain {
        public static void main(String[] args) {
            CliResult r = RegistryFixture.runCli(new TestClock(Instant.now()), args);
            System.out.print(r.out());
            System.out.print(r.err());
            System.exit(r.exitCode());
        }
    }
}
