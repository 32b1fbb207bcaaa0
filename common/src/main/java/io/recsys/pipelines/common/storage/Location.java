package io.recsys.pipelines.common.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an object is, independent of any storage library: a scheme ({@code file} for local
 * paths), an authority (the bucket; empty for local paths) and an absolute path of '/'-separated
 * names. Checked at construction: no empty, "." or ".." names, no authority on local paths, a bucket
 * on S3 ones. {@link ObjectStore} takes these; only the Hadoop implementation turns them into
 * Hadoop paths ({@link Locations#toPath}).
 *
 * <p>{@link #toString} prints as a Hadoop path of the same place does ({@code file:/tmp/x},
 * {@code s3a://bucket/key}), so messages read as before; {@link #serviceUri} is the form written into
 * manifests.
 */
public final class Location {
    public static final String LOCAL = "file";

    private final String scheme;
    private final String authority;
    /** "/" for the root, else "/a/b" without a trailing slash. */
    private final String path;

    private Location(String scheme, String authority, String path) {
        this.scheme = scheme;
        this.authority = authority;
        this.path = path;
    }

    /**
     * A configured location: with a scheme ({@code s3a://b/x}, {@code file:///x}) as written, without
     * one a local path, relative to the working folder.
     */
    public static Location of(String configured) {
        String trimmed = configured.trim();
        if (Locations.hasScheme(trimmed) || trimmed.startsWith("file:/")) {
            return parse(trimmed);
        }
        return local(Paths.get(trimmed));
    }

    /** A local file or folder (made absolute and normalized). */
    public static Location local(java.nio.file.Path path) {
        return new Location(LOCAL, "", normalize(path.toAbsolutePath().normalize().toString().replace('\\', '/'),
                path.toString()));
    }

    /**
     * A location with a scheme: {@code s3a://bucket/key}, {@code file:///abs/path}, {@code hdfs://nn/x}.
     * Split as Hadoop splits a path string (scheme, then {@code //authority}, then the path taken
     * literally), so that '?', '#', '%' and glob characters stay part of the path.
     */
    public static Location parse(String uri) {
        String text = uri.trim();
        int colon = text.indexOf(':');
        int slash = text.indexOf('/');
        if (colon <= 0 || (slash >= 0 && slash < colon)) {
            throw new IllegalArgumentException("not a location with a scheme: '" + uri + "'");
        }
        String scheme = text.substring(0, colon);
        String rest = text.substring(colon + 1);
        if (rest.startsWith("//")) {
            int end = rest.indexOf('/', 2);
            String authority = end < 0 ? rest.substring(2) : rest.substring(2, end);
            return of(scheme, authority, end < 0 ? "/" : rest.substring(end));
        }
        return of(scheme, "", rest);
    }

    /** From parts; {@code path} is made absolute and normalized (".", duplicate and trailing slashes). */
    public static Location of(String scheme, String authority, String path) {
        if (scheme == null || scheme.isEmpty() || !scheme.chars().allMatch(c -> Character.isLetterOrDigit(c)
                || c == '+' || c == '-' || c == '.')) {
            throw new IllegalArgumentException("not a URI scheme: '" + scheme + "'");
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        String a = authority == null ? "" : authority;
        if (a.indexOf('/') >= 0) {
            throw new IllegalArgumentException("not an authority: '" + a + "'");
        }
        if (s.equals(LOCAL) && !a.isEmpty()) {
            throw new IllegalArgumentException("a local location has no host: 'file://" + a + "'; write file:///path");
        }
        Location location = new Location(s, a, normalize(path == null ? "" : path, s + "://" + a + path));
        if (location.isS3() && a.isEmpty()) {
            throw new IllegalArgumentException("an S3 location needs a bucket: '" + location + "'");
        }
        return location;
    }

    private static String normalize(String path, String whole) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (names.isEmpty()) {
                    throw new IllegalArgumentException("'" + whole + "' climbs above its root");
                }
                names.remove(names.size() - 1);
                continue;
            }
            names.add(name);
        }
        return "/" + String.join("/", names);
    }

    public String scheme() {
        return scheme;
    }

    /** The bucket or host; empty for local locations. */
    public String authority() {
        return authority;
    }

    /** The absolute path, "/" for the root. */
    public String path() {
        return path;
    }

    public boolean isLocal() {
        return scheme.equals(LOCAL);
    }

    public boolean isS3() {
        return scheme.equals("s3a") || scheme.equals("s3") || scheme.equals("s3n");
    }

    /** The last name; empty for the root. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The folder holding this location; empty for the root. */
    public Optional<Location> parent() {
        if (path.equals("/")) {
            return Optional.empty();
        }
        int slash = path.lastIndexOf('/');
        return Optional.of(new Location(scheme, authority, slash == 0 ? "/" : path.substring(0, slash)));
    }

    /**
     * {@code this/names...}: each name is one level (no '/', not empty, not "." or ".."). Names made
     * from data go through {@link SafePaths}, which checks more.
     */
    public Location child(String... names) {
        return child(List.of(names));
    }

    public Location child(List<String> names) {
        StringBuilder out = new StringBuilder(path.equals("/") ? "" : path);
        for (String name : names) {
            if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
                throw new IllegalArgumentException("'" + name + "' is not a single name under " + this);
            }
            out.append('/').append(name);
        }
        return new Location(scheme, authority, out.length() == 0 ? "/" : out.toString());
    }

    /** Whether this lies strictly inside {@code folder} (same scheme and authority). */
    public boolean isInside(Location folder) {
        return scheme.equals(folder.scheme) && authority.equals(folder.authority)
                && (folder.path.equals("/") ? !path.equals("/") : path.startsWith(folder.path + "/"));
    }

    /** The same place as a URI (local: {@code file:///x}). */
    public URI toUri() {
        try {
            return new URI(scheme, authority.isEmpty() ? null : authority, path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("checked at construction: " + this, e);
        }
    }

    /**
     * The URI written into manifests: {@code file:///abs/path} for local files and
     * {@code s3://bucket/key} for S3 (the service's S3 client does not know {@code s3a://}).
     */
    public String serviceUri() {
        if (isLocal()) {
            return "file://" + path;
        }
        if (isS3()) {
            return "s3://" + authority + path;
        }
        return toUri().toString();
    }

    /** The inverse of {@link #serviceUri}: where this process reads a manifest URI from. */
    public static Location fromServiceUri(String uri) {
        if (uri.startsWith("s3://")) {
            return parse("s3a://" + uri.substring("s3://".length()));
        }
        if (uri.startsWith("file://")) {
            // Manifests carry the plain path after file:// (not percent-encoded), as the service reads it.
            return local(Paths.get(uri.substring("file://".length())));
        }
        return parse(uri);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Location l && scheme.equals(l.scheme) && authority.equals(l.authority) && path.equals(l.path);
    }

    @Override
    public int hashCode() {
        return (scheme.hashCode() * 31 + authority.hashCode()) * 31 + path.hashCode();
    }

    /** As Hadoop prints the same path: {@code file:/tmp/x}, {@code s3a://bucket/key}. */
    @Override
    public String toString() {
        return scheme + ":" + (authority.isEmpty() ? "" : "//" + authority) + path;
    }
}
