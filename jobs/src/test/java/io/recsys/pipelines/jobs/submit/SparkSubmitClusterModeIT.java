package io.recsys.pipelines.jobs.submit;

import io.recsys.pipelines.jobs.testing.S3Server;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jar submitted in cluster deploy mode to a local standalone master: the driver runs in
 * a JVM the worker starts (DriverWrapper), as on a cluster. What each side sees per exit code: the
 * launcher (spark-submit) reports the driver's final state, FINISHED for 0 and FAILED otherwise
 * (standalone's spark-submit itself exits 0 either way), and the driver's log ends with the code.
 */
class SparkSubmitClusterModeIT {
    private static final Path TARGET = Path.of(System.getProperty("jobs.target", "target"));
    private static final Pattern DRIVER_STATE = Pattern.compile("State of driver (driver-\\S+) is (\\w+)");
    private static StandaloneCluster cluster;
    private static Path shadedJar;
    private static List<String> jvmOptions;
    private static String sparkClasspath;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startCluster() throws Exception {
        sparkClasspath = Files.readString(TARGET.resolve("spark-classpath.txt")).trim();
        jvmOptions = List.of(Files.readString(TARGET.resolve("jvm-options.txt")).trim().split("\\s+"));
        try (var files = Files.list(TARGET)) {
            shadedJar = files.filter(p -> p.getFileName().toString().matches("recsys-pipelines-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no shaded jar in " + TARGET));
        }
        cluster = StandaloneCluster.shared();
    }

    private record Driver(String id, String state, String launcherOutput, String driverLog) {
    }

    private Driver submit(List<String> appArgs) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", sparkClasspath, "org.apache.spark.deploy.SparkSubmit",
                "--master", cluster.masterUrl(), "--deploy-mode", "cluster",
                "--conf", "spark.standalone.submit.waitAppCompletion=true",
                "--conf", "spark.driver.memory=1g", "--conf", "spark.executor.memory=1g",
                "--conf", "spark.driver.extraJavaOptions=" + String.join(" ", jvmOptions),
                // Few Delta state partitions: 50 (Delta's default) one-core tasks were 4 s of a 40 s run here.
                "--conf", "spark.sql.shuffle.partitions=2", "--conf", "spark.databricks.delta.snapshotPartitions=1",
                "--total-executor-cores", "1",
                "--class", "io.recsys.pipelines.jobs.cli.Main", shadedJar.toString()));
        command.addAll(appArgs);
        Path log = tmp.resolve("submit-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = pb.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("spark-submit did not finish: " + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Matcher m = DRIVER_STATE.matcher(output);
        assertTrue(m.find(), "the launcher reports the driver's final state:\n" + output);
        Driver driver = new Driver(m.group(1), m.group(2), output, cluster.driverStderr(m.group(1)));
        System.out.println(output + "\n--- driver " + driver.id() + " stderr ---\n" + driver.driverLog());
        return driver;
    }

    /** Paths are absolute: the driver runs in the worker's folder, not in the launcher's. */
    private List<String> runArgs(Workspace ws, Path input, String... extra) {
        // One kind: the launch, not the pipeline, is under test here (a driver and an executor JVM per test).
        List<String> args = new ArrayList<>(List.of("run", "--date", "2026-01-01", "--kinds", "popularity"));
        args.addAll(ws.storageArgs());
        args.addAll(List.of("--set", "input.exposures=" + input, "--set", "input.outcomes=",
                "--set", "metrics.textfile=" + tmp.resolve("metrics.prom")));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void exit0IsAFinishedDriverAndThePointerIsPublished() throws Exception {
        Workspace ws = new Workspace(tmp);
        Path input = ws.input("day.jsonl",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}");

        Driver driver = submit(runArgs(ws, input));

        assertEquals("FINISHED", driver.state(), driver.launcherOutput());
        assertTrue(ws.pointer("demo", "home").get("current").has("popularity"));
        assertFalse(driver.driverLog().contains("exit code"), driver.driverLog());
    }

    @Test
    void exit3IsAFailedDriverWhoseLogEndsWithTheCode() throws Exception {
        Workspace ws = new Workspace(tmp);
        Path input = ws.input("day.jsonl", "{not json", "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\","
                + "\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}");

        Driver driver = submit(runArgs(ws, input));

        assertEquals("FAILED", driver.state(), driver.launcherOutput());
        assertTrue(driver.driverLog().contains("exit code 3 (input rejected"), driver.driverLog());
        assertFalse(Files.exists(ws.registry().resolve("current")));
    }

    @Test
    void exit7IsAFailedDriverWhoseLogEndsWithTheCode() throws Exception {
        Workspace ws = new Workspace(tmp);
        String closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = "127.0.0.1:" + socket.getLocalPort();
        }
        List<String> overrides = new ArrayList<>(List.of("s3.endpoint=" + closed, "s3.use_ssl=false",
                "s3.access_key=" + S3Server.ACCESS_KEY, "s3.secret_key=" + S3Server.SECRET_KEY,
                "spark.hadoop.fs.s3a.attempts.maximum=1", "spark.hadoop.fs.s3a.retry.limit=1"));
        List<String> args = runArgs(ws, Path.of("unused"));
        args.addAll(S3Server.setArgs(overrides));
        args.addAll(List.of("--set", "input.exposures=s3a://unreachable/raw/{date}.jsonl"));

        Driver driver = submit(args);

        assertEquals("FAILED", driver.state(), driver.launcherOutput());
        assertTrue(driver.driverLog().contains("exit code 7 (storage unreachable"), driver.driverLog());
    }

}
