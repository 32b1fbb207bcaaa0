package io.recsys.pipelines.common.storage;

import io.recsys.pipelines.common.text.Secrets;
import io.recsys.pipelines.common.errors.PipelineException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.Constants;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Storage failures as {@link io.recsys.pipelines.common.errors.ExitCode#STORAGE} errors that say where:
 * the path and, on S3, the endpoint and bucket, which is what an operator checks first.
 */
public final class StorageFailures {
    private static final int MAX_REASON = 400;
    private static final Pattern S3A_PATH = Pattern.compile("s3a://[^\\s:'\"]+");

    private StorageFailures() {
    }

    /** For Hadoop paths (Spark and Delta IO). */
    public static PipelineException of(String action, Path path, Configuration conf, Throwable cause) {
        return of(action, path.toString(), Locations.isS3(path) ? path.toUri().getAuthority() : null, conf, cause);
    }

    public static PipelineException of(String action, Location location, Configuration conf, Throwable cause) {
        return of(action, location.toString(), location.isS3() ? location.authority() : null, conf, cause);
    }

    /** @param bucket the S3 bucket, null elsewhere */
    private static PipelineException of(String action, String where, String bucket, Configuration conf, Throwable cause) {
        String message = "cannot " + action + " " + where + where(bucket, conf) + ": " + reason(cause) + hint(bucket);
        Throwable kept = cause instanceof IOException io ? new UncheckedIOException(io) : cause;
        return PipelineException.storage(redact(message, conf), kept);
    }

    /**
     * For work that wraps storage calls (a Spark job): the failure as a storage error if storage
     * caused it, unchanged otherwise (a bug, or one of our own errors that the CLI finds anyway).
     */
    public static RuntimeException ofIfStorage(String action, Path path, Configuration conf, RuntimeException e) {
        Throwable storage = unmappedStorageCause(e);
        return storage == null ? e : of(action, path, conf, storage);
    }

    /**
     * For a whole command: an S3 failure that no edge mapped (a read inside a Spark job), located by
     * the s3a:// path that S3A puts in its messages; anything else unchanged.
     */
    public static RuntimeException ofIfS3(RuntimeException e, Configuration conf) {
        Throwable storage = unmappedStorageCause(e);
        for (Throwable t = e; storage != null && t != null; t = t.getCause()) {
            Matcher s3a = S3A_PATH.matcher(String.valueOf(t.getMessage()));
            if (s3a.find()) {
                return of("access", new Path(s3a.group()), conf, storage);
            }
        }
        return e;
    }

    /** " (S3 endpoint E, bucket B)" for s3a paths, "" elsewhere. */
    public static String where(Location location, Configuration conf) {
        return where(location.isS3() ? location.authority() : null, conf);
    }

    private static String where(String bucket, Configuration conf) {
        if (bucket == null) {
            return "";
        }
        String endpoint = conf.getTrimmed("fs.s3a.bucket." + bucket + ".endpoint", conf.getTrimmed(Constants.ENDPOINT, ""));
        return " (S3 endpoint " + (endpoint.isEmpty() ? "AWS default" : endpoint) + ", bucket " + bucket + ")";
    }

    /** The storage exception in the chain, unless one of our own errors already says what failed. */
    private static Throwable unmappedStorageCause(Throwable e) {
        Throwable storage = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PipelineException) {
                return null;
            }
            if (storage == null && (t instanceof IOException || t instanceof UncheckedIOException || t instanceof SdkException)) {
                storage = t;
            }
        }
        return storage;
    }

    private static String reason(Throwable cause) {
        String text = String.valueOf(cause.getMessage()).replaceAll("\\s+", " ").trim();
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...";
    }

    private static String hint(String bucket) {
        return bucket != null ? ". Check s3.endpoint (RECSYS_ARTIFACT_S3_ENDPOINT), s3.use_ssl, the keys "
                + "(s3.access_key, s3.secret_key) and that the bucket exists" : "";
    }

    /**
     * S3 error messages do not carry keys today; this keeps it so if one ever does: the values of
     * every credential-bearing fs.s3a / fs.azure / fs.gs setting (keys, SSE-C keys, session tokens,
     * per-bucket variants) and any URL password.
     */
    private static String redact(String message, Configuration conf) {
        String out = Secrets.maskUrls(message);
        for (String prefix : new String[]{"fs.s3a.", "fs.azure.", "fs.gs."}) {
            for (java.util.Map.Entry<String, String> e : conf.getPropsWithPrefix(prefix).entrySet()) {
                String value = e.getValue() == null ? "" : e.getValue().trim();
                if (Secrets.isSecretKey(prefix + e.getKey()) && value.length() >= 4) {
                    out = out.replace(value, "***");
                }
            }
        }
        return out;
    }
}
