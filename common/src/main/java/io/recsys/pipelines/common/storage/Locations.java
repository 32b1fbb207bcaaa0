package io.recsys.pipelines.common.storage;

import org.apache.hadoop.fs.Path;

import java.net.URI;
import java.nio.file.Paths;

/** Turns configured locations into absolute Hadoop paths, and paths into URIs the service can read. */
public final class Locations {
    private Locations() {
    }

    /** A path without a scheme is a local path, relative to the working folder. */
    public static Path resolve(String location) {
        String trimmed = location.trim();
        if (hasScheme(trimmed)) {
            return new Path(trimmed);
        }
        return new Path(Paths.get(trimmed).toAbsolutePath().normalize().toUri());
    }

    public static boolean hasScheme(String location) {
        int colon = location.indexOf(':');
        int slash = location.indexOf('/');
        // "C:" style drive letters are not schemes; schemes are at least two characters.
        return colon > 1 && (slash < 0 || colon < slash) && location.startsWith("://", colon);
    }

    public static boolean isLocal(Path path) {
        String scheme = path.toUri().getScheme();
        return scheme == null || scheme.equals("file");
    }

    public static boolean isS3(Path path) {
        String scheme = path.toUri().getScheme();
        return "s3a".equals(scheme) || "s3".equals(scheme) || "s3n".equals(scheme);
    }

    /**
     * The URI written into manifests: {@code file:///abs/path} for local files and
     * {@code s3://bucket/key} for S3 (the service's S3 client does not know {@code s3a://}).
     */
    public static String serviceUri(Path path) {
        URI uri = path.toUri();
        if (isLocal(path)) {
            return "file://" + Paths.get(uri.getPath()).toAbsolutePath().normalize();
        }
        if (isS3(path)) {
            return "s3://" + uri.getAuthority() + uri.getPath();
        }
        return uri.toString();
    }

    /** The inverse of {@link #serviceUri}: where this process reads a manifest URI from. */
    public static Path fromServiceUri(String uri) {
        if (uri.startsWith("s3://")) {
            return new Path("s3a://" + uri.substring("s3://".length()));
        }
        if (uri.startsWith("file://")) {
            // Manifests carry the plain path after file:// (not percent-encoded), as the service reads it.
            return new Path(new java.io.File(uri.substring("file://".length())).toURI());
        }
        return new Path(URI.create(uri));
    }
}
