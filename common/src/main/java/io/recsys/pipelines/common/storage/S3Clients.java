package io.recsys.pipelines.common.storage;

import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS SDK v2 S3 clients for the registry's conditional writes, configured from the very fs.s3a.*
 * settings S3A reads (endpoint, path style, SSL, region, and credentials: {@link S3CredentialSettings};
 * per-bucket overrides fs.s3a.bucket.B.*), so one config serves both. In the shaded jar the SDK is
 * relocated, so it never meets the cluster's SDK or S3A/EMRFS version. What each request carries
 * besides (encryption, ACL) is {@link S3ObjectSettings}, not a property of the client.
 */
final class S3Clients {
    /** Hadoop, like the service, takes an endpoint without a region; S3-compatible servers expect this one. */
    private static final String ENDPOINT_DEFAULT_REGION = "us-east-1";
    /** Clients are costly to build (TLS, credential chain) and thread-safe: one per distinct setting. */
    private static final Map<Settings, S3Client> CLIENTS = new ConcurrentHashMap<>();

    /** Everything a client is built from, and so the key of the cache: never printed with a secret. */
    record Settings(String endpoint, boolean pathStyle, String region, S3CredentialSettings credentials) {
        @Override
        public String toString() {
            return "Settings[endpoint=" + endpoint + ", pathStyle=" + pathStyle + ", region=" + region + ", "
                    + credentials + "]";
        }
    }

    private S3Clients() {
    }

    /**
     * A provider class outside the standard names is built once per distinct settings, with the
     * configuration of that first use (as Hadoop caches a FileSystem with its first configuration).
     */
    static S3Client forBucket(String bucket, Configuration conf) {
        S3BucketConf bucketConf = new S3BucketConf(conf, bucket);
        return CLIENTS.computeIfAbsent(settings(bucketConf), s -> build(s, bucketConf));
    }

    /** Throws a configuration error (exit 2) naming the setting when one is invalid. */
    static Settings settings(S3BucketConf conf) {
        String endpoint = conf.get("endpoint");
        if (!endpoint.isEmpty() && !endpoint.contains("://")) {
            endpoint = (Boolean.parseBoolean(conf.get("connection.ssl.enabled", "true")) ? "https://" : "http://") + endpoint;
        }
        String region = conf.get("endpoint.region");
        if (region.isEmpty() && !endpoint.isEmpty()) {
            region = ENDPOINT_DEFAULT_REGION;
        }
        return new Settings(endpoint, Boolean.parseBoolean(conf.get("path.style.access", "false")), region,
                S3CredentialSettings.of(conf));
    }

    private static S3Client build(Settings s, S3BucketConf conf) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)).build())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s.pathStyle()).build())
                .credentialsProvider(S3CredentialProviders.of(s.credentials(), conf));
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
}
