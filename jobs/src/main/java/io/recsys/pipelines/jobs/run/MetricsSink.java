package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.config.PipelineConfig.MetricsConfig;
import io.recsys.pipelines.common.text.Secrets;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.common.storage.RoutingObjectStore;
import org.apache.hadoop.conf.Configuration;

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
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where the metrics text goes: the textfile (replaced atomically, so the collector never reads
 * half a file) after every run; on the Pushgateway, the run's outcome (exit code, time) after every
 * run in group job="recsys_pipelines_last_run", and the full text after successful runs only in
 * group job="recsys_pipelines", so that a failed run never replaces the last success's numbers
 * there while its failure still reaches Prometheus.
 */
public final class MetricsSink {
    /** The whole push, connect to last byte. */
    static final Duration PUSH_DEADLINE = Duration.ofSeconds(10);
    static final String FULL_GROUP = "recsys_pipelines";
    static final String OUTCOME_GROUP = "recsys_pipelines_last_run";

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
    private void push(String group, String text, StringBuilder warnings) {
        Secrets.UrlCredentials target = Secrets.UrlCredentials.of(config.pushgatewayUrl());
        String url = target.url().replaceAll("/+$", "") + "/metrics/job/" + group;
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
    public String deliver(String text, int exitCode, Instant finishedAt) {
        StringBuilder warnings = new StringBuilder();
        if (!config.textfile().isEmpty()) {
            Location file = Location.of(config.textfile());
            ObjectStore store = new RoutingObjectStore(hadoopConf);
            try {
                if (!store.atomicReplace(file)) {
                    // A scraper reading the file while it is rewritten would see part of it.
                    warnings.append("the metrics file ").append(file).append(" is on a store that cannot replace it "
                            + "atomically (").append(file.scheme()).append("://): a scrape may read a partial file; "
                            + "keep metrics.textfile in a local folder; ");
                }
                store.createOrReplace(file, text.getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                warnings.append("could not write the metrics file ").append(file).append(": ").append(e.getMessage());
            }
        }
        if (!config.pushgatewayUrl().isEmpty()) {
            push(OUTCOME_GROUP, outcome(exitCode, finishedAt), warnings);
            if (exitCode == 0) {
                push(FULL_GROUP, text, warnings);
            }
        }
        return warnings.length() == 0 ? null : warnings.toString();
    }

    /** The lines of the current textfile for one metric (with its HELP and TYPE), or "" if none. */
    public String previousLines(String metric) {
        if (config.textfile().isEmpty()) {
            return "";
        }
        Location file = Location.of(config.textfile());
        Optional<byte[]> previous;
        try {
            previous = new RoutingObjectStore(hadoopConf).read(file);
        } catch (RuntimeException e) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String line : new String(previous.orElse(new byte[0]), StandardCharsets.UTF_8).split("\n")) {
            String bare = line.startsWith("# HELP ") || line.startsWith("# TYPE ") ? line.substring(7) : line;
            if (bare.startsWith(metric + " ") || bare.startsWith(metric + "{")) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    static String outcome(int exitCode, Instant finishedAt) {
        return new MetricsWriter()
                .gauge("last_run_exit_code", "Exit code of the last run (0 = success).", Map.of(), exitCode)
                .gauge("last_run_timestamp_seconds", "Unix time the last run ended.", Map.of(), finishedAt.getEpochSecond())
                .text();
    }

}
