package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.config.PipelineConfig.MetricsConfig;
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

/**
 * Where the metrics text goes: the textfile (replaced atomically, so the collector never reads
 * half a file) after every run, and the Pushgateway after successful runs only, so that a failed
 * run never replaces the last success there.
 */
public final class MetricsSink {
    private final MetricsConfig config;
    private final Configuration hadoopConf;

    public MetricsSink(MetricsConfig config, Configuration hadoopConf) {
        this.config = config;
        this.hadoopConf = hadoopConf;
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
            String url = config.pushgatewayUrl().replaceAll("/+$", "") + "/metrics/job/recsys_pipelines";
            try {
                HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                        .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "text/plain; version=0.0.4")
                                .PUT(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    warnings.append(warnings.length() > 0 ? "; " : "").append("Pushgateway ").append(url)
                            .append(" answered ").append(response.statusCode());
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                warnings.append(warnings.length() > 0 ? "; " : "").append("could not push metrics to ").append(url)
                        .append(": ").append(e.getMessage());
            }
        }
        return warnings.length() == 0 ? null : warnings.toString();
    }
}
