package io.recsys.pipelines.jobs.submit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on this machine, from the jars a cluster provides
 * (target/spark-classpath.txt): a master and one worker, each its own JVM, so that a submission in
 * cluster deploy mode runs its driver in a JVM the worker starts, as on a cluster. SPARK_HOME is a
 * folder whose jars/ links to those jars, which is where the worker takes the driver's classpath.
 */
final class StandaloneCluster implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final Path home;
    private final Path workDir;
    private final List<String> jvmOptions;
    private final int port;

    StandaloneCluster(Path dir, String sparkClasspath, List<String> jvmOptions) throws IOException, InterruptedException {
        this.home = Files.createDirectories(dir.resolve("spark-home"));
        this.workDir = Files.createDirectories(dir.resolve("worker"));
        this.jvmOptions = jvmOptions;
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String jar : sparkClasspath.split(java.io.File.pathSeparator)) {
            Path source = Path.of(jar);
            Path link = jars.resolve(source.getFileName());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, source);
            }
        }
        this.port = freePort();
        Path masterLog = dir.resolve("master.log");
        start(masterLog, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--webui-port", String.valueOf(freePort()));
        Path workerLog = dir.resolve("worker.log");
        start(workerLog, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2", "--memory", "3g",
                "--work-dir", workDir.toString(), "--webui-port", String.valueOf(freePort()), masterUrl());
        awaitLine(workerLog, "Successfully registered with master", 120);
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** The folder the worker runs each driver in (driver-<id>/stderr holds its log). */
    Path workDir() {
        return workDir;
    }

    /** The stderr of the one driver whose submission printed {@code driverId}. */
    String driverStderr(String driverId) throws IOException {
        Path stderr = workDir.resolve(driverId).resolve("stderr");
        return Files.exists(stderr) ? Files.readString(stderr) : "(no " + stderr + ")";
    }

    private void start(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Xmx512m", "-cp", home.resolve("jars") + "/*", mainClass));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", System.getProperty("scala.binary.version", "2.13"));
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        processes.add(pb.start());
    }

    static void awaitLine(Path log, String text, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no '" + text + "' in " + log + " after " + seconds + " s:\n"
                + (Files.exists(log) ? Files.readString(log) : ""));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Worker first, with SIGTERM, so that its shutdown hook stops the drivers and executors it started. */
    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
