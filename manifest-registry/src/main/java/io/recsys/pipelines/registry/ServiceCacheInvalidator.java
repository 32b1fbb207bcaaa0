package io.recsys.pipelines.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.text.Secrets;
import io.recsys.pipelines.common.errors.PipelineException;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST {url}/v1/admin/tenants/{tenant}/cache/invalidate} with
 * {@code {"targets":[kinds],"surface":"<surface>"}} and a bearer token. Each call has a total
 * deadline, connection, request and the whole answer included (a service that sends headers and
 * then stalls cannot hold a run), and the registry makes it after releasing the pair's lock: the
 * publish has already succeeded and only waits for this courtesy call.
 */
public final class ServiceCacheInvalidator implements CacheInvalidator {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** Everything of one call, connect to last byte. */
    static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final String token;
    private final HttpClient client;

    ServiceCacheInvalidator(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    static ServiceCacheInvalidator of(PipelineConfig.ServiceConfig service) {
        String url = service.url().trim();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw PipelineException.usage("config key 'service.url' must be an http:// or https:// URL when "
                    + "service.invalidate_cache = true, got '" + Secrets.maskUrls(url) + "'");
        }
        return new ServiceCacheInvalidator(url, service.token());
    }

    @Override
    public Optional<String> invalidate(String tenant, String surface, Set<String> kinds) {
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        String endpoint = baseUrl + "/v1/admin/tenants/" + pathSegment(tenant) + "/cache/invalidate";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(surface, kinds)));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        String what = "cache invalidation of " + tenant + "/" + surface + " " + new TreeSet<>(kinds) + " at " + endpoint;
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> response = call.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() / 100 == 2) {
                return Optional.empty();
            }
            String excerpt = response.body().length() > 200 ? response.body().substring(0, 200) + "..." : response.body();
            return warning(what + " answered HTTP " + response.statusCode() + ": " + excerpt);
        } catch (TimeoutException e) {
            call.cancel(true);
            return warning(what + " did not complete within " + DEADLINE.toSeconds() + " s");
        } catch (ExecutionException e) {
            return warning(what + " failed: " + (e.getCause() == null ? e : e.getCause()));
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return warning(what + " was interrupted");
        }
    }

    private Optional<String> warning(String message) {
        // A service that echoes the request must not make us print the token, nor a password in the URL.
        String safe = Secrets.maskUrls(token.isEmpty() ? message : message.replace(token, "***"));
        return Optional.of(safe + "; the service picks up the new manifest when its cache expires");
    }

    private static String body(String surface, Set<String> kinds) {
        ObjectNode body = MAPPER.createObjectNode();
        new TreeSet<>(kinds).forEach(body.putArray("targets")::add);
        return body.put("surface", surface).toString();
    }

    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
