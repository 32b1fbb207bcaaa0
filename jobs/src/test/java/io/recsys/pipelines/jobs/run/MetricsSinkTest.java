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
    void anUnreachablePushgatewayIsAWarningNotAFailure() {
        server.stop(0);
        String warning = sink().deliver("x 1\n", 0, END);
        assertTrue(warning != null && warning.contains("could not push metrics"), warning);
    }
}
