package io.recsys.pipelines.jobs.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster of child JVMs: one master and {@code workers} workers of one core
 * each, started from the Maven-resolved Spark jars (what scripts/cluster-local.sh does for
 * users). Each worker starts its executors as JVMs of their own, so closures, serialization and
 * configuration reach them as on a real cluster. Every process is stopped, and the folder deleted,
 * by a shutdown hook when the test JVM ends (or by {@link #close()} if start-up fails).
 */
final class StandaloneCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Registration took about 5 s on a quiet 2-core machine; far longer when it is shared. */
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(120);
    private static final String DAEMON_HEAP = "-Xmx256m";

    private static StandaloneCluster shared;

    private final List<Process> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAndClean, "standalone-cluster-stop");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path dir;
    private final int port;
    private final int webUiPort;

    private StandaloneCluster(Path dir, int port, int webUiPort) {
        this.dir = dir;
        this.port = port;
        this.webUiPort = webUiPort;
    }

    /**
     * The one cluster of this JVM's tests (a master and two one-core workers of 1 GB): the cluster ITs
     * share it rather than each paying for three daemon JVMs. It stops when the JVM ends.
     */
    static synchronized StandaloneCluster shared() throws Exception {
        if (shared == null) {
            shared = start(SparkSubmitter.locate(), Files.createTempDirectory("standalone-cluster-"), 2, "1g");
        }
        return shared;
    }

    /** Starts the master and the workers under {@code dir} and returns once all workers registered. */
    private static StandaloneCluster start(SparkSubmitter spark, Path dir, int workers, String workerMemory) throws Exception {
        StandaloneCluster cluster = new StandaloneCluster(dir, freePort(), freePort());
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            Path home = cluster.sparkHome(spark.sparkJars());
            cluster.launch(spark, home, "master", "org.apache.spark.deploy.master.Master",
                    List.of("--host", "127.0.0.1", "--port", String.valueOf(cluster.port),
                            "--webui-port", String.valueOf(cluster.webUiPort)), Map.of());
            for (int i = 1; i <= workers; i++) {
                Path work = Files.createDirectories(dir.resolve("work/worker-" + i));
                cluster.launch(spark, home, "worker-" + i, "org.apache.spark.deploy.worker.Worker",
                        List.of("--host", "127.0.0.1", "--webui-port", "0", "--cores", "1", "--memory", workerMemory,
                                "--work-dir", work.toString(), cluster.masterUrl()),
                        Map.of("SPARK_WORKER_DIR", work.toString()));
            }
            cluster.awaitWorkers(workers);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** The stderr of a driver that cluster deploy mode started in one of the workers' work folders. */
    String driverStderr(String driverId) throws IOException {
        try (var workers = Files.list(dir.resolve("work"))) {
            for (Path worker : workers.toList()) {
                Path stderr = worker.resolve(driverId).resolve("stderr");
                if (Files.exists(stderr)) {
                    return Files.readString(stderr);
                }
            }
        }
        return "(no stderr of " + driverId + " under " + dir.resolve("work") + ")";
    }

    /** The master's status page as JSON: workers, active and completed applications. */
    JsonNode status() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUiPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Spark's launcher builds an executor's classpath from $SPARK_HOME/jars: links to the Maven jars. */
    private Path sparkHome(List<Path> jars) throws IOException {
        Path home = dir.resolve("spark-home");
        Path lib = Files.createDirectories(home.resolve("jars"));
        for (Path jar : jars) {
            Files.createSymbolicLink(lib.resolve(jar.getFileName()), jar.toAbsolutePath());
        }
        return home;
    }

    private void launch(SparkSubmitter spark, Path home, String name, String mainClass, List<String> args,
                        Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(spark.jvmOptions());
        command.addAll(List.of(DAEMON_HEAP, "-cp", home.resolve("jars") + "/*", mainClass));
        command.addAll(args);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().putAll(Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", "127.0.0.1", "SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString(),
                "JAVA_HOME", System.getProperty("java.home")));
        pb.environment().putAll(env);
        processes.add(pb.start());
    }

    private void awaitWorkers(int workers) throws Exception {
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        int alive = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    throw new IllegalStateException((i == 0 ? "the master" : "worker " + i) + " exited with "
                            + processes.get(i).exitValue() + "; logs in " + dir.resolve("logs"));
                }
            }
            try {
                alive = status().path("aliveworkers").asInt();
                if (alive >= workers) {
                    return;
                }
            } catch (IOException notUpYet) {
                // The master's web UI is not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(alive + " of " + workers + " workers registered within "
                + REGISTRATION_TIMEOUT.toSeconds() + " s; logs in " + dir.resolve("logs"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Workers first (a worker stops its executors on SIGTERM), then the master; whatever is still
     * alive after 10 s, executors included, is killed.
     */
    private synchronized void stopAll() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            p.descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).destroy();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillAlive) {
                h.destroyForcibly();
            }
        }
        processes.clear();
    }

    /** Stops every process, then deletes the folder (the drivers' copies of the shaded jar are in it). */
    private void stopAndClean() {
        stopAll();
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    @Override
    public void close() {
        stopAndClean();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook's own shutdown: nothing to remove.
        }
    }
}
