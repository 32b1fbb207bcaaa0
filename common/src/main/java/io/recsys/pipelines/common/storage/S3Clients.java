package io.recsys.pipelines.common.storage;

import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS SDK v2 S3 clients for the registry's conditional writes, configured from the very fs.s3a.*
 * settings S3A reads (endpoint, path style, SSL, region, keys; per-bucket overrides
 * fs.s3a.bucket.B.*), so one config serves both. Without keys: the SDK's default credential chain
 * (instance profile, web identity, environment), as S3A's default. In the shaded jar the SDK is
 * relocated, so it never meets the cluster's SDK or S3A/EMRFS version.
 */
final class S3Clients {
    /** Hadoop, like the service, takes an endpoint without a region; S3-compatible servers expect this one. */
    private static final String ENDPOINT_DEFAULT_REGION = "us-east-1";
    /** Clients are costly to build (TLS, credential chain) and thread-safe: one per distinct setting. */
    private static final Map<Settings, S3Client> CLIENTS = new ConcurrentHashMap<>();

    record Settings(String endpoint, boolean pathStyle, String region, String accessKey, String secretKey,
                    String sessionToken) {
        @Override
        public String toString() {
            return "Settings[endpoint=" + endpoint + ", pathStyle=" + pathStyle + ", region=" + region + "]";
        }
    }

    private S3Clients() {
    }

    static S3Client forBucket(String bucket, Configuration conf) {
        return CLIENTS.computeIfAbsent(settings(bucket, conf), S3Clients::build);
    }

    static Settings settings(String bucket, Configuration conf) {
        String endpoint = get(conf, bucket, "endpoint");
        if (!endpoint.isEmpty() && !endpoint.contains("://")) {
            endpoint = (Boolean.parseBoolean(get(conf, bucket, "connection.ssl.enabled", "true")) ? "https://" : "http://")
                    + endpoint;
        }
        String region = get(conf, bucket, "endpoint.region");
        if (region.isEmpty() && !endpoint.isEmpty()) {
            region = ENDPOINT_DEFAULT_REGION;
        }
        return new Settings(endpoint, Boolean.parseBoolean(get(conf, bucket, "path.style.access", "false")), region,
                secret(conf, bucket, "access.key"), secret(conf, bucket, "secret.key"), secret(conf, bucket, "session.token"));
    }

    private static S3Client build(Settings s) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)).build())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s.pathStyle()).build())
                .credentialsProvider(credentials(s));
        if (!s.endpoint().isEmpty()) {
            builder.endpointOverride(URI.create(s.endpoint()));
        }
        if (!s.region().isEmpty()) {
            builder.region(Region.of(s.region()));
        } else {
            // AWS without a configured region: the environment's (EC2/EMR metadata, AWS_REGION), and the
            // client follows a bucket that lives elsewhere, as S3A's region probe does.
            builder.region(defaultRegion()).crossRegionAccessEnabled(true);
        }
        return builder.build();
    }

    private static Region defaultRegion() {
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            return Region.of(ENDPOINT_DEFAULT_REGION);
        }
    }

    private static AwsCredentialsProvider credentials(Settings s) {
        if (s.accessKey().isEmpty() || s.secretKey().isEmpty()) {
            return DefaultCredentialsProvider.create();
        }
        return StaticCredentialsProvider.create(s.sessionToken().isEmpty()
                ? AwsBasicCredentials.create(s.accessKey(), s.secretKey())
                : AwsSessionCredentials.create(s.accessKey(), s.secretKey(), s.sessionToken()));
    }

    private static String get(Configuration conf, String bucket, String suffix) {
        return get(conf, bucket, suffix, "");
    }

    private static String get(Configuration conf, String bucket, String suffix, String fallback) {
        return conf.getTrimmed("fs.s3a.bucket." + bucket + "." + suffix, conf.getTrimmed("fs.s3a." + suffix, fallback));
    }

    /** Through getPassword, as S3A: keys may also sit in a Hadoop credential provider (JCEKS). */
    private static String secret(Configuration conf, String bucket, String suffix) {
        try {
            char[] value = conf.getPassword("fs.s3a.bucket." + bucket + "." + suffix);
            if (value == null) {
                value = conf.getPassword("fs.s3a." + suffix);
            }
            return value == null ? "" : new String(value).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fs.s3a." + suffix + " from the Hadoop credential providers", e);
        }
    }
}
