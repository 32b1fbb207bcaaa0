package io.recsys.pipelines.jobs.orchestration;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the Airflow DAG's Python tests (scripts/airflow/tests) inside `mvn -B verify`: which day a
 * run processes under Airflow 2 and 3 semantics, the input sensor, the settings and the retried exit
 * codes. Airflow itself cannot be installed where the tests run, so they use a stub of its API.
 * Skipped, with the reason, only when there is no python3.
 */
class AirflowDagTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();

    @Test
    void theDagsPythonTestsPass() throws Exception {
        assumeTrue(python3Available(), "python3 is not installed: the Airflow DAG's tests (scripts/airflow/tests) were not run");
        Path tests = ROOT.resolve("scripts/airflow/tests");
        ProcessBuilder pb = new ProcessBuilder("python3", "-B", "-m", "unittest", "discover", "-s", tests.toString(), "-v")
                .directory(ROOT.toFile()).redirectErrorStream(true);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        System.out.println(output);
        assertEquals(0, process.exitValue(), output);
    }

    private static boolean python3Available() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isDirectory(ROOT.resolve("scripts"));
        } catch (Exception e) {
            return false;
        }
    }
}
