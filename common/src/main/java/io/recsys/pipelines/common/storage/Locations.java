package io.recsys.pipelines.common.storage;

import org.apache.hadoop.fs.Path;

/**
 * The bridge between {@link Location} and Hadoop's {@link Path}, for the code that hands paths to
 * Hadoop or Spark (DataFrame reads and writes, Delta tables, {@link HadoopObjectStore}). Everything
 * else speaks {@link Location}.
 */
public final class Locations {
    private Locations() {
    }

    /** A configured location as a Hadoop path; without a scheme a local path, relative to the working folder. */
    public static Path resolve(String location) {
        return toPath(Location.of(location));
    }

    public static Path toPath(Location location) {
        return new Path(location.toUri());
    }

    /** A Hadoop path as a location; one without a scheme is local. */
    public static Location of(Path path) {
        java.net.URI uri = path.toUri();
        if (uri.getScheme() == null) {
            return Location.local(java.nio.file.Paths.get(uri.getPath()));
        }
        return Location.of(uri.getScheme(), uri.getAuthority(), uri.getPath());
    }

    public static boolean hasScheme(String location) {
        int colon = location.indexOf(':');
        int slash = location.indexOf('/');
        // "C:" style drive letters are not schemes; schemes are at least two characters.
        return colon > 1 && (slash < 0 || colon < slash) && location.startsWith("://", colon);
    }

    public static boolean isLocal(Path path) {
        String scheme = path.toUri().getScheme();
        return scheme == null || scheme.equals(Location.LOCAL);
    }

    public static boolean isS3(Path path) {
        String scheme = path.toUri().getScheme();
        return "s3a".equals(scheme) || "s3".equals(scheme) || "s3n".equals(scheme);
    }

    /** {@link Location#serviceUri} of a Hadoop path. */
    public static String serviceUri(Path path) {
        return of(path).serviceUri();
    }
}
