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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The textfile is replaced after every run; the Pushgateway only hears of successful ones. */
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

    @Test
    void successfulRunsWriteTheFileAndPush() throws Exception {
        assertNull(sink().deliver("recsys_pipelines_last_run_exit_code 0\n", true));
        assertEquals("recsys_pipelines_last_run_exit_code 0\n", Files.readString(tmp.resolve("m/recsys.prom")));
        assertEquals(List.of("PUT /metrics/job/recsys_pipelines recsys_pipelines_last_run_exit_code 0\n"), pushes);
    }

    @Test
    void failedRunsWriteTheFileButNeverPush() throws Exception {
        assertNull(sink().deliver("recsys_pipelines_last_run_exit_code 3\n", false));
        assertEquals("recsys_pipelines_last_run_exit_code 3\n", Files.readString(tmp.resolve("m/recsys.prom")));
        assertTrue(pushes.isEmpty());
    }

    @Test
    void anUnreachablePushgatewayIsAWarningNotAFailure() {
        server.stop(0);
        String warning = sink().deliver("x 1\n", true);
        assertTrue(warning != null && warning.contains("could not push metrics"), warning);
    }
}
