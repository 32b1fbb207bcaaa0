package io.recsys.pipelines.jobs.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for AWS STS that answers every AssumeRole with the same canned credentials (valid
 * for an hour) and records each call: its form parameters and the Authorization header it was
 * signed with. Nothing is checked: what the caller sent is the test's to assert.
 */
public final class FakeSts implements AutoCloseable {
    /** One AssumeRole call: its form parameters (Action, RoleArn, RoleSessionName, ...) and its signature. */
    public record Call(Map<String, String> parameters, String authorization) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private FakeSts(HttpServer server, String accessKey, String secretKey, String sessionToken) {
        this.server = server;
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(form(body), exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] answer = assumeRoleResponse(accessKey, secretKey, sessionToken).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** Every AssumeRole answers with these role credentials. */
    public static FakeSts answering(String accessKey, String secretKey, String sessionToken) {
        try {
            return new FakeSts(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
                    accessKey, secretKey, sessionToken);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static String assumeRoleResponse(String accessKey, String secretKey, String sessionToken) {
        return "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                + "<AssumedRoleUser><AssumedRoleId>AROATEST:recsys</AssumedRoleId>"
                + "<Arn>arn:aws:sts::123456789012:assumed-role/registry/recsys</Arn></AssumedRoleUser>"
                + "<Credentials><AccessKeyId>" + accessKey + "</AccessKeyId><SecretAccessKey>" + secretKey
                + "</SecretAccessKey><SessionToken>" + sessionToken + "</SessionToken><Expiration>"
                + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "</Expiration></Credentials>"
                + "</AssumeRoleResult><ResponseMetadata><RequestId>fake-sts</RequestId></ResponseMetadata></AssumeRoleResponse>";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
