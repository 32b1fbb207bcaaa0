package io.recsys.pipelines.common.config;

import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.config.PipelineConfig.S3Config;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.Constants;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Hadoop settings a run derives from its config, for Spark's Hadoop configuration and for code
 * that runs without Spark (the registry commands) alike: the s3 block mapped onto fs.s3a.*, then
 * every {@code spark.hadoop.*} setting, which therefore always has the last word.
 */
public final class HadoopConfs {
    /**
     * Hadoop's scratch space, where S3A buffers uploads. Relative on purpose: each process (driver,
     * executors on a cluster) resolves it against its own working folder, as every output of a
     * local run lands under .out/.
     */
    static final String TMP_DIR = ".out/tmp/hadoop";
    private static final String SPARK_HADOOP_PREFIX = "spark.hadoop.";
    /** What S3-compatible servers (MinIO) expect; without it S3A 3.4 falls back to us-east-2. */
    private static final String ENDPOINT_DEFAULT_REGION = "us-east-1";

    private HadoopConfs() {
    }

    /** A plain Hadoop configuration (core-site.xml and all) with the run's settings on top. */
    public static Configuration from(PipelineConfig config) {
        Configuration conf = new Configuration();
        apply(config, conf);
        return conf;
    }

    public static void apply(PipelineConfig config, Configuration conf) {
        settings(config).forEach(conf::set);
    }

    /** Hadoop keys and values, in the order they apply: the later wins. */
    public static Map<String, String> settings(PipelineConfig config) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("hadoop.tmp.dir", TMP_DIR);
        settings.putAll(s3aSettings(config.s3()));
        config.sparkSettings().forEach((key, value) -> {
            if (key.startsWith(SPARK_HADOOP_PREFIX)) {
                settings.put(key.substring(SPARK_HADOOP_PREFIX.length()), value);
            }
        });
        return settings;
    }

    /**
     * Only what is configured: with no endpoint and no keys, nothing is set and S3A's defaults (or a
     * cluster's core-site.xml) apply, including the default AWS credential chain.
     */
    public static Map<String, String> s3aSettings(S3Config s3) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (!s3.endpoint().isEmpty()) {
            settings.put(Constants.ENDPOINT, endpointUrl(s3));
            settings.put(Constants.PATH_STYLE_ACCESS, String.valueOf(s3.pathStyle()));
            settings.put(Constants.SECURE_CONNECTIONS, String.valueOf(s3.useSsl()));
        }
        String region = s3.region().isEmpty() && !s3.endpoint().isEmpty() ? ENDPOINT_DEFAULT_REGION : s3.region();
        if (!region.isEmpty()) {
            settings.put(Constants.AWS_REGION, region);
        }
        if (s3.hasKeys()) {
            settings.put(Constants.ACCESS_KEY, s3.accessKey());
            settings.put(Constants.SECRET_KEY, s3.secretKey());
        }
        return settings;
    }

    /** The service takes host:port and a separate SSL flag; S3A wants a URL. */
    static String endpointUrl(S3Config s3) {
        if (s3.endpoint().contains("://")) {
            return s3.endpoint();
        }
        return (s3.useSsl() ? "https://" : "http://") + s3.endpoint();
    }

    /**
     * Hadoop caches one FileSystem per bucket for the whole JVM, built from the settings of its first
     * use. A JVM that runs twice with other s3 settings (a notebook, the tests) would go on talking to
     * the old endpoint with the old keys: the cached instance of each of the run's buckets is closed
     * (so the next use builds a new one) when its fs.s3a.* settings differ from the run's. Instances
     * that agree are kept, as Spark may be using them (an event log on S3).
     */
    public static void closeStaleFileSystems(PipelineConfig config, Configuration conf) {
        Map<String, String> wanted = new LinkedHashMap<>();
        settings(config).forEach((key, value) -> {
            if (key.startsWith("fs.s3a.")) {
                wanted.put(key, value);
            }
        });
        if (wanted.isEmpty()) {
            return;
        }
        for (URI bucket : s3Buckets(config)) {
            try {
                FileSystem fs = FileSystem.get(bucket, conf);
                boolean stale = wanted.entrySet().stream()
                        .anyMatch(e -> !e.getValue().equals(fs.getConf().get(e.getKey())));
                if (stale) {
                    fs.close();
                }
            } catch (IOException e) {
                // A bucket that cannot even be set up fails with a clear message at its first real use.
            }
        }
    }

    static Set<URI> s3Buckets(PipelineConfig config) {
        Set<URI> buckets = new LinkedHashSet<>();
        List<String> locations = List.of(config.input().exposures(), config.input().outcomes(),
                config.storage().canonical(), config.storage().aggregates(), config.storage().objectstore(),
                config.storage().registry(), config.storage().reports(), config.artifacts().catalogPath());
        for (String location : locations) {
            if (!location.isBlank()) {
                Path path = Locations.resolve(location);
                if (Locations.isS3(path)) {
                    buckets.add(URI.create(path.toUri().getScheme() + "://" + path.toUri().getAuthority() + "/"));
                }
            }
        }
        return buckets;
    }
}
