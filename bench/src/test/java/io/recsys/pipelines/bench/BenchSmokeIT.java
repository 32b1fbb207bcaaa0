package io.recsys.pipelines.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/bench.sh end to end at tiny sizes, every part: the 16-pair sizes (a) to (d) with the
 * DuckDB comparison, the single-pair strong scaling at local[1], local[2] and on its own standalone
 * cluster with 1 and 2 executors, and the many-pairs run with a 1 GB heap. Checks that every target
 * is evaluated (met or not: tiny sizes say nothing about speed), that each run did what its label
 * says, and that the chart is well-formed SVG. Runs after `package` (failsafe), with the jars built.
 */
class BenchSmokeIT {
    private static final Path ROOT = Path.of(System.getProperty("bench.root", "..")).toAbsolutePath().normalize();
    /** Measured at about 4 minutes on a quiet 2-core machine; far more when other builds share it. */
    private static final long TIMEOUT_MINUTES = 30;

    @Test
    void everyPartRunsAndEveryTargetIsEvaluated() throws Exception {
        Path work = ROOT.resolve("bench/target/bench-smoke");
        SizeBenchmark.deleteRecursively(work);
        Files.createDirectories(work);
        Path report = work.resolve("report.json");
        Path chart = work.resolve("chart.svg");
        List<String> command = List.of("bash", ROOT.resolve("scripts/bench.sh").toString(),
                "--parts", "sizes,scaling,pairs", "--events", "2000", "--scale", "2", "--pair-events", "4000",
                "--pairs", "8", "--pairs-events", "2000", "--warmup-events", "0", "--work", work.toString(),
                "--report", report.toString(), "--chart", chart.toString(), "--set", "spark.sql.shuffle.partitions=2");
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("bench.log").toFile());
        int masterPort = freePort();
        pb.environment().putAll(Map.of("BENCH_CLUSTER_PORT", String.valueOf(masterPort),
                "BENCH_CLUSTER_WEBUI_PORT", String.valueOf(freePort()), "BENCH_WORKER_MEMORY", "1g",
                "BENCH_EXECUTOR_MEMORY", "512m", "BENCH_JAVA_OPTS", "-Xmx1g"));
        Process bench = pb.start();
        Thread cleanUp = new Thread(() -> stop(bench, work));
        Runtime.getRuntime().addShutdownHook(cleanUp);
        String output;
        try {
            boolean done = bench.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            output = Files.readString(work.resolve("bench.log"), StandardCharsets.UTF_8);
            assertTrue(done, "bench.sh did not finish within " + TIMEOUT_MINUTES + " minutes:\n" + tail(output));
            assertEquals(0, bench.exitValue(), tail(output));
            assertFalse(listening(masterPort), "bench.sh stopped the cluster it started");
        } finally {
            stop(bench, work);
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
        assertTrue(output.contains("targets (issue 11"), tail(output));

        JsonNode json = Json.MAPPER.readTree(report.toFile());
        Map<String, String> status = new TreeMap<>();
        json.path("targets").forEach(t -> status.put(t.path("id").asText(), t.path("status").asText()));
        assertEquals(Set.of("single_pair_speedup", "single_pair_task_skew", "canonicalize_vs_duckdb", "daily_run_vs_duckdb",
                "popularity_vs_duckdb", "seconds_per_million_growth_canonicalize", "seconds_per_million_growth_daily_run",
                "seconds_per_million_growth_popularity_spark", "issue8_canonicalize_throughput",
                "issue8_daily_run_throughput", "many_pairs_1g_heap"), status.keySet());
        status.forEach((id, s) -> assertTrue(s.equals("met") || s.equals("NOT MET"), id + ": " + s));
        assertEquals("met", status.get("many_pairs_1g_heap"), json.path("targets").toString());

        assertEquals(2, json.path("sizes").size());
        for (JsonNode size : json.path("sizes")) {
            assertTrue(size.path("agreement_c_d").path("equal").asBoolean(), size.path("agreement_c_d").toString());
            assertTrue(size.path("daily_run_task_skew").path("stages").asInt() > 0);
        }
        Map<String, Integer> executors = new TreeMap<>();
        for (String file : List.of("scaling-local-1", "scaling-local-2", "scaling-cluster-1", "scaling-cluster-2")) {
            JsonNode run = Json.MAPPER.readTree(work.resolve("results/" + file + ".json").toFile());
            assertTrue(run.path("finished").asBoolean(), run.toString());
            assertEquals(1, run.path("published_pairs").asInt(), file);
            assertTrue(run.path("task_skew").path("stages").asInt() > 0, file);
            executors.put(run.path("label").asText(), run.path("executors").asInt());
        }
        assertEquals(Map.of("local[1]", 0, "local[2]", 0, "cluster, 1 executor", 1, "cluster, 2 executors", 2), executors);

        String svg = Files.readString(chart);
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(chart.toFile());
        for (String label : executors.keySet()) {
            assertTrue(svg.contains(">" + label + "<"), label);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static void stop(Process bench, Path work) {
        if (bench.isAlive()) {
            bench.descendants().forEach(ProcessHandle::destroyForcibly);
            bench.destroyForcibly();
        }
        try {
            new ProcessBuilder("bash", ROOT.resolve("scripts/cluster-local.sh").toString(), "stop", "--dir",
                    work.resolve("cluster").toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            System.err.println("could not stop the benchmark's cluster: " + e);
        }
    }

    private static String tail(String output) {
        List<String> lines = new ArrayList<>(List.of(output.split("\n")));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
