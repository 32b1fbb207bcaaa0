package io.recsys.pipelines.jobs.submit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/recsys-pipelines picks ParallelGC on two CPUs or more unless RECSYS_JAVA_OPTS names a
 * collector: a second one would stop the JVM ("Multiple garbage collectors selected"), which an
 * earlier version of the rule did for -XX:+UseG1GC. Runs after `package` (the wrapper needs the jars).
 */
class LauncherCollectorIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();

    private record Launched(int exitCode, String output) {
    }

    @Test
    void theThroughputCollectorUnlessTheUserNamesOne() throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        Launched plain = version("-Xmx512m");
        assertEquals(0, plain.exitCode(), plain.output());
        assertTrue(plain.output().contains(cpus >= 2 ? "-XX:+UseParallelGC" : "-XX:+UseSerialGC"), plain.output());

        for (String own : List.of("-XX:+UseG1GC", "-XX:+UseSerialGC")) {
            Launched chosen = version(own);
            assertEquals(0, chosen.exitCode(), own + ": " + chosen.output());
            assertTrue(chosen.output().contains(own) && !chosen.output().contains("-XX:+UseParallelGC"), chosen.output());
        }
    }

    /** `recsys-pipelines --version`, with the JVM printing the flags it runs with. */
    private static Launched version(String javaOpts) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("scripts/recsys-pipelines").toString(), "--version")
                .redirectErrorStream(true);
        pb.environment().put("RECSYS_JAVA_OPTS", "-XX:+PrintCommandLineFlags " + javaOpts);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish: " + output);
        return new Launched(p.exitValue(), output);
    }
}
