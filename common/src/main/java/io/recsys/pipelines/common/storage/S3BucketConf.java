package io.recsys.pipelines.common.storage;

import io.recsys.pipelines.common.errors.PipelineException;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The fs.s3a.* settings of one bucket, looked up the way S3A looks them up: the per-bucket key
 * {@code fs.s3a.bucket.B.<suffix>} first, then {@code fs.s3a.<suffix>}; secrets through
 * {@link Configuration#getPassword}, so they may also sit in a Hadoop credential provider (JCEKS).
 */
final class S3BucketConf {
    private static final String CORE_DEFAULT = "core-default.xml";

    private final Configuration conf;
    private final String bucket;

    S3BucketConf(Configuration conf, String bucket) {
        this.conf = conf;
        this.bucket = bucket;
    }

    Configuration configuration() {
        return conf;
    }

    String bucket() {
        return bucket;
    }

    /** The key that holds the value: the per-bucket one when set, else the general one. */
    String key(String suffix) {
        String perBucket = "fs.s3a.bucket." + bucket + "." + suffix;
        return conf.get(perBucket) != null ? perBucket : "fs.s3a." + suffix;
    }

    String get(String suffix) {
        return get(suffix, "");
    }

    String get(String suffix, String fallback) {
        return conf.getTrimmed(key(suffix), fallback);
    }

    /** A comma-separated list, each entry trimmed, empty ones dropped (as S3A reads class lists). */
    List<String> list(String suffix) {
        return Arrays.stream(conf.getTrimmedStrings(key(suffix))).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Whether the user set it (a site file, Spark, the run's config), rather than Hadoop's
     * core-default.xml, which gives some fs.s3a.* keys a value nobody chose.
     */
    boolean isSetByUser(String suffix) {
        String key = key(suffix);
        String[] sources = conf.getPropertySources(key);
        return conf.get(key) != null && (sources == null || !Arrays.asList(sources).equals(List.of(CORE_DEFAULT)));
    }

    /** A duration in seconds with Hadoop's units (30m, 1h; plain numbers are seconds). */
    long seconds(String suffix, String fallback) {
        try {
            return conf.getTimeDuration(key(suffix), fallback, TimeUnit.SECONDS);
        } catch (NumberFormatException e) {
            throw invalid(suffix, get(suffix), "is not a duration (e.g. 30m, 1h)");
        }
    }

    /** A setting and the key it was found under, for messages that name it. */
    record Setting(String key, String value) {
        boolean isEmpty() {
            return value.isEmpty();
        }
    }

    /**
     * The first of {@code suffixes} that has a value, through getPassword: all of them per bucket
     * first, then all of them in general, as S3A reads a setting and its deprecated spelling.
     * Empty (under the first key) when none has one.
     */
    Setting secret(String... suffixes) {
        for (String prefix : new String[]{"fs.s3a.bucket." + bucket + ".", "fs.s3a."}) {
            for (String suffix : suffixes) {
                String value = password(prefix + suffix);
                if (value != null) {
                    return new Setting(prefix + suffix, value);
                }
            }
        }
        return new Setting("fs.s3a." + suffixes[0], "");
    }

    private String password(String key) {
        try {
            char[] value = conf.getPassword(key);
            return value == null ? null : new String(value).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key + " from the Hadoop credential providers", e);
        }
    }

    /** A configuration error (exit 2) naming the key that holds {@code value}. */
    PipelineException invalid(String suffix, String value, String problem) {
        return invalid(new Setting(key(suffix), value), problem);
    }

    PipelineException invalid(Setting setting, String problem) {
        return PipelineException.usage(setting.key() + " = " + setting.value() + " (S3 bucket " + bucket + ") " + problem);
    }

    /** The same for a secret: the key is named, the value never shown. */
    PipelineException invalidSecret(Setting setting, String problem) {
        return PipelineException.usage(setting.key() + " (S3 bucket " + bucket + ", value not shown) " + problem);
    }
}
