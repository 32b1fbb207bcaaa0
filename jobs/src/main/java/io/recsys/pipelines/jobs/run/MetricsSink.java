package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.config.PipelineConfig.MetricsConfig;
import io.recsys.pipelines.common.config.Secrets;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.common.storage.ObjectStores;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the metrics text goes: the textfile (replaced atomically, so the collector never reads
 * half a file) after every run, and the Pushgateway after successful runs only, so that a failed
 * run never replaces the last success there.
 */
public final class MetricsSink {
    /** The whole push, connect to last byte. */
    static final Duration PUSH_DEADLINE = Duration.ofSeconds(10);
    private final MetricsConfig config;
    private final Configuration hadoopConf;

    public MetricsSink(MetricsConfig config, Configuration hadoopConf) {
        this.config = config;
        this.hadoopConf = hadoopConf;
    }

    /**
     * One PUT with a total deadline (connect, send and the whole answer), so that a Pushgateway that
     * accepts the connection and then stalls cannot hold the run. A {@code user:password@} in the URL
     * is sent as Basic authorization (Java's client never sends user info) and never printed.
     */
    private void push(String text, StringBuilder warnings) {
        Secrets.UrlCredentials target = Secrets.UrlCredentials.of(config.pushgatewayUrl());
        String url = target.url().replaceAll("/+$", "") + "/metrics/job/recsys_pipelines";
        CompletableFuture<HttpResponse<String>> call = null;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(PUSH_DEADLINE)
                    .header("Content-Type", "text/plain; version=0.0.4").PUT(HttpRequest.BodyPublishers.ofString(text));
            target.basicAuthorization().ifPresent(auth -> request.header("Authorization", auth));
            call = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> response = call.get(PUSH_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() / 100 != 2) {
                warnings.append(warnings.length() > 0 ? "; " : "").append("Pushgateway ").append(url)
                        .append(" answered ").append(response.statusCode());
            }
        } catch (Exception e) {
            if (call != null) {
                call.cancel(true);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String why = e instanceof TimeoutException ? "no answer within " + PUSH_DEADLINE.toSeconds() + " s"
                    : String.valueOf(e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e.getMessage());
            warnings.append(warnings.length() > 0 ? "; " : "").append("could not push metrics to ").append(url)
                    .append(": ").append(Secrets.maskUrls(why));
        }
    }

    /** Returns a warning, or null when everything asked for was written. */
    public String deliver(String text, boolean success) {
        StringBuilder warnings = new StringBuilder();
        if (!config.textfile().isEmpty()) {
            Path file = Locations.resolve(config.textfile());
            try {
                ObjectStores.forLocation(file, hadoopConf).replace(file, text.getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                warnings.append("could not write the metrics file ").append(file).append(": ").append(e.getMessage());
            }
        }
        if (success && !config.pushgatewayUrl().isEmpty()) {
            push(text, warnings);
        }
        return warnings.length() == 0 ? null : warnings.toString();
    }
}
