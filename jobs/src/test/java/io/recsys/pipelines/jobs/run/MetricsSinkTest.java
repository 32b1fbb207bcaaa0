package io.recsys.pipelines.jobs.run;

import com.sun.net.httpserver.HttpServer;
import io.recsys.pipelines.common.config.PipelineConfig.MetricsConfig;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The textfile is replaced after every run; the Pushgateway hears every outcome, and the full text of successes. */
class MetricsSinkTest {
    @TempDir
    Path tmp;
    HttpServer server;
    final List<String> pushes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startPushgateway() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            pushes.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private MetricsSink sink() {
        return new MetricsSink(new MetricsConfig(tmp.resolve("m/recsys.prom").toString(),
                "http://127.0.0.1:" + server.getAddress().getPort() + "/"), new Configuration());
    }

    private static final Instant END = Instant.parse("2026-01-03T01:00:00Z");

    @Test
    void successfulRunsWriteTheFileAndPushTheOutcomeAndTheFullText() throws Exception {
        assertNull(sink().deliver("recsys_pipelines_events_read 5\n", 0, END));
        assertEquals("recsys_pipelines_events_read 5\n", Files.readString(tmp.resolve("m/recsys.prom")));
        assertEquals(2, pushes.size(), pushes.toString());
        assertTrue(pushes.get(0).startsWith("PUT /metrics/job/recsys_pipelines_last_run "), pushes.get(0));
        assertTrue(pushes.get(0).contains("recsys_pipelines_last_run_exit_code 0\n"), pushes.get(0));
        assertEquals("PUT /metrics/job/recsys_pipelines recsys_pipelines_events_read 5\n", pushes.get(1));
    }

    @Test
    void failedRunsWriteTheFileAndPushOnlyTheirOutcome() throws Exception {
        assertNull(sink().deliver("recsys_pipelines_last_run_exit_code 7\n", 7, END));
        assertEquals("recsys_pipelines_last_run_exit_code 7\n", Files.readString(tmp.resolve("m/recsys.prom")));
        assertEquals(1, pushes.size(), "the last success's full text stays as it was: " + pushes);
        assertTrue(pushes.get(0).startsWith("PUT /metrics/job/recsys_pipelines_last_run "), pushes.get(0));
        assertTrue(pushes.get(0).contains("recsys_pipelines_last_run_exit_code 7\n"), pushes.get(0));
        assertTrue(pushes.get(0).contains("recsys_pipelines_last_run_timestamp_seconds " + END.getEpochSecond()), pushes.get(0));
    }

    @Test
    void thePreviousFilesLinesOfAMetricCanBeCarriedOver() throws Exception {
        Files.createDirectories(tmp.resolve("m"));
        Files.writeString(tmp.resolve("m/recsys.prom"), String.join("\n",
                "# HELP recsys_pipelines_last_success_timestamp_seconds Unix time.",
                "# TYPE recsys_pipelines_last_success_timestamp_seconds gauge",
                "recsys_pipelines_last_success_timestamp_seconds{surface=\"home\",tenant=\"demo\"} 1767312000",
                "# HELP recsys_pipelines_manifest_age_seconds x",
                "recsys_pipelines_manifest_age_seconds{surface=\"home\",tenant=\"demo\"} 5", ""));

        String kept = sink().previousLines("recsys_pipelines_last_success_timestamp_seconds");

        assertEquals(3, kept.split("\n").length, kept);
        assertTrue(kept.contains("{surface=\"home\",tenant=\"demo\"} 1767312000"), kept);
    }

    @Test
    void userInfoInThePushgatewayUrlIsSentAsBasicAuthorizationAndNeverPrinted() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        server.removeContext("/");
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        String url = "http://ops:hunter22@127.0.0.1:" + server.getAddress().getPort() + "/";

        String warning = new MetricsSink(new MetricsConfig("", url), new Configuration()).deliver("x 1\n", 1, END);

        assertEquals(List.of("Basic " + java.util.Base64.getEncoder().encodeToString("ops:hunter22".getBytes())),
                authorizations);
        assertTrue(warning != null && warning.contains("answered 500"), warning);
        assertTrue(!warning.contains("hunter22"), warning);
    }

    /** A Pushgateway that sends its headers and stalls cannot hold the run past the push's deadline. */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aStallingPushgatewayIsCutOffAtTheDeadline() throws Exception {
        try (java.net.ServerSocket stalling = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (java.net.Socket socket = stalling.accept()) {
                    socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    Thread.sleep(120_000);
                } catch (java.io.IOException | InterruptedException ignored) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long started = System.nanoTime();

            String warning = new MetricsSink(new MetricsConfig("", "http://127.0.0.1:" + stalling.getLocalPort()),
                    new Configuration()).deliver("x 1\n", 1, END);

            long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertTrue(seconds <= MetricsSink.PUSH_DEADLINE.toSeconds() + 3, seconds + " s");
            assertTrue(warning != null && warning.contains("no answer within"), warning);
            acceptor.interrupt();
        }
    }

    @Test
    void anUnreachablePushgatewayIsAWarningNotAFailure() {
        server.stop(0);
        String warning = sink().deliver("x 1\n", 0, END);
        assertTrue(warning != null && warning.contains("could not push metrics"), warning);
    }
}
