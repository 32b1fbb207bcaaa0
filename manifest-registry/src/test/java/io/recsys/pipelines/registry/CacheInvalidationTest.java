package io.recsys.pipelines.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.PipelineConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.recsys.pipelines.registry.RegistryFixture.SURFACE;
import static io.recsys.pipelines.registry.RegistryFixture.TENANT;
import static io.recsys.pipelines.registry.RegistryFixture.popularity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After a pointer change the service is told to drop its caches; when it cannot be told, that is a warning only. */
class CacheInvalidationTest {
    static final String TOKEN = "s3cret-token";

    record Received(String method, String path, String authorization, String body) {
    }

    @TempDir
    Path tmp;
    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile int status = 204;
    RegistryFixture fx;

    @BeforeEach
    void startService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        fx = new RegistryFixture(tmp).withInvalidator(CacheInvalidator.fromConfig(service(url())));
    }

    @AfterEach
    void stopService() {
        server.stop(0);
    }

    /** Answers with the configured status; an error echoes the Authorization header, as a careless service might. */
    private void answer(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), authorization,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        byte[] body = (status >= 400 ? "denied for " + authorization : "").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static PipelineConfig.ServiceConfig service(String url) {
        return new PipelineConfig.ServiceConfig(true, url, TOKEN);
    }

    @Test
    void aPublishTellsTheServiceWhichKindsChangedAndAnUnchangedOneDoesNot() throws Exception {
        PairPublisher.Result first = fx.publish(popularity("A=1"));
        fx.publish(popularity("A=1"));

        assertTrue(first.outcome().warnings().isEmpty(), first.outcome().warnings().toString());
        assertEquals(1, received.size(), received.toString());
        Received r = received.get(0);
        assertEquals("POST", r.method());
        assertEquals("/v1/admin/tenants/demo/cache/invalidate", r.path());
        assertEquals("Bearer " + TOKEN, r.authorization());
        assertEquals(new ObjectMapper().readTree("{\"targets\":[\"popularity\"],\"surface\":\"home\"}"),
                new ObjectMapper().readTree(r.body()));
    }

    @Test
    void aRollbackTellsTheServiceAndNeverPrintsTheToken() {
        fx.publish(popularity("A=1"));
        fx.publish(popularity("A=2"));
        status = 500;

        CliResult result = fx.cli("rollback", "--tenant", TENANT, "--surface", SURFACE, "--to", "1", "--reason", "r",
                "--set", "service.invalidate_cache=true", "--set", "service.url=" + url(), "--set", "service.token=" + TOKEN);

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(3, received.size());
        assertTrue(result.err().contains("warning: cache invalidation of demo/home [popularity]"), result.err());
        assertTrue(result.err().contains("answered HTTP 500: denied for Bearer ***"), result.err());
        assertFalse(result.toString().contains(TOKEN), result.toString());
    }

    @Test
    void anUnreachableServiceIsAWarningAndThePublishStands() {
        server.stop(0);

        PairPublisher.Result result = fx.publish(popularity("A=1"));

        assertTrue(result.outcome().published());
        assertEquals(1, result.outcome().warnings().size());
        String warning = result.outcome().warnings().get(0);
        assertTrue(warning.contains("failed") && warning.contains("when its cache expires"), warning);
        assertFalse(warning.contains(TOKEN), warning);
        assertEquals(result.outcome().manifest(), fx.pointer());
    }

    @Test
    void invalidationIsOffByDefaultAndNeedsAUrlWhenOn() {
        PipelineConfig defaults = ConfigLoader.load(null, List.of());

        assertFalse(defaults.service().invalidateCache());
        assertSame(CacheInvalidator.NONE, CacheInvalidator.fromConfig(defaults.service()));
        CliResult noUrl = fx.cli("status", "--set", "service.invalidate_cache=true");
        assertEquals(2, noUrl.exitCode(), noUrl.toString());
        assertTrue(noUrl.err().contains("service.url"), noUrl.err());
    }

    /** Issue 12 point 6: a slow service must not hold the pair: the next publisher or gc goes ahead meanwhile. */
    @Test
    @Timeout(60)
    void theServiceIsToldAfterThePairsLockIsReleased() {
        fx.publish(popularity("A=1"));
        List<String> seen = new CopyOnWriteArrayList<>();
        fx.withInvalidator((tenant, surface, kinds) -> {
            // Another thread takes the pair's lock (gc does): it only gets it if the publish no longer holds it.
            Thread gc = new Thread(() -> seen.add("gc exit " + fx.cli("gc", "--keep", "1", "--tenant", TENANT,
                    "--surface", SURFACE).exitCode()));
            gc.start();
            try {
                gc.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add(gc.isAlive() ? "gc blocked" : "gc ran");
            return java.util.Optional.empty();
        });

        assertTrue(fx.publish(popularity("A=2")).outcome().published());

        assertEquals(List.of("gc exit 0", "gc ran"), seen);
    }

    /** A service that sends its headers and then stalls: the call has a deadline for the whole answer. */
    @Test
    @Timeout(60)
    void aServiceThatStallsMidAnswerCannotHoldThePublish() throws Exception {
        try (java.net.ServerSocket stalling = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (java.net.Socket socket = stalling.accept()) {
                    socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{"
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    Thread.sleep(120_000);
                } catch (IOException | InterruptedException ignored) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            fx.withInvalidator(CacheInvalidator.fromConfig(service("http://127.0.0.1:" + stalling.getLocalPort())));
            long started = System.nanoTime();

            PairPublisher.Result result = fx.publish(popularity("A=1"));

            long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertTrue(result.outcome().published());
            assertTrue(seconds < ServiceCacheInvalidator.DEADLINE.toSeconds() + 5, seconds + " s");
            assertTrue(result.outcome().warnings().get(0).contains("did not complete within"),
                    result.outcome().warnings().toString());
            acceptor.interrupt();
        }
    }

    @Test
    void aPasswordInTheServiceUrlIsNeverPrinted() {
        CliResult result = fx.cli("status", "--set", "service.invalidate_cache=true",
                "--set", "service.url=ftp://ops:hunter2@svc");
        assertEquals(2, result.exitCode(), result.toString());
        assertFalse(result.toString().contains("hunter2"), result.toString());
    }

    @Test
    void theConfigNeverShowsTheToken() {
        assertFalse(service(url()).toString().contains(TOKEN));
    }
}
