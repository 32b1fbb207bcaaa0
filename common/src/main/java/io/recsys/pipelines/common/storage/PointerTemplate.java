package io.recsys.pipelines.common.storage;

import io.recsys.pipelines.common.errors.PipelineException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the live pointer of a (tenant, surface) is, as the service finds it: a template with
 * {@code {tenant}} and {@code {surface}} on {@code file://} or {@code s3://}, e.g.
 * {@code s3://recsys-artifacts/registry/current/{tenant}/{surface}/manifest.json} (the service's
 * RECSYS_ARTIFACT_MANIFEST_TEMPLATE). The placeholders must sit in two different path segments, so
 * two pairs can never share a pointer, and only validated identifiers replace them.
 *
 * <p>Kept as the folder before the first placeholder segment ({@link #base}) and the segments from
 * there on ({@link #rest}); {@link #standard} is the registry's own default,
 * {@code <registry>/current/{tenant}/{surface}/manifest.json}.
 */
public record PointerTemplate(String text, Location base, List<String> rest) {
    public static final String TENANT = "{tenant}";
    public static final String SURFACE = "{surface}";
    private static final List<String> STANDARD_REST = List.of(TENANT, SURFACE, "manifest.json");

    public PointerTemplate {
        rest = List.copyOf(rest);
    }

    public static PointerTemplate standard(Location registryRoot) {
        Location current = registryRoot.child("current");
        return new PointerTemplate(current.serviceUri() + "/" + String.join("/", STANDARD_REST), current,
                STANDARD_REST);
    }

    /** Parses a configured template; {@code key} names its config key in error messages. */
    public static PointerTemplate parse(String key, String template) {
        String text = template.trim();
        String scheme;
        String authority;
        String path;
        if (text.startsWith("s3://") || text.startsWith("s3a://")) {
            String afterScheme = text.substring(text.indexOf("://") + 3);
            int slash = afterScheme.indexOf('/');
            if (slash <= 0) {
                throw bad(key, text, "it names no bucket and key");
            }
            scheme = "s3a";
            authority = afterScheme.substring(0, slash);
            path = afterScheme.substring(slash);
        } else if (text.startsWith("file://")) {
            scheme = "file";
            authority = null;
            path = text.substring("file://".length());
            if (!path.startsWith("/")) {
                throw bad(key, text, "a file:// template needs an absolute path (file:///...)");
            }
        } else {
            throw bad(key, text, "it must start with file:// or s3://");
        }
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        int tenantAt = indexOf(segments, TENANT);
        int surfaceAt = indexOf(segments, SURFACE);
        if (tenantAt < 0 || surfaceAt < 0) {
            throw bad(key, text, "it needs both " + TENANT + " and " + SURFACE);
        }
        if (tenantAt == surfaceAt) {
            throw bad(key, text, TENANT + " and " + SURFACE + " must be in different path segments, or two pairs "
                    + "could share one pointer");
        }
        if (authority != null && (authority.contains("{") || authority.isEmpty())) {
            throw bad(key, text, "the bucket cannot hold a placeholder");
        }
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            String literal = s.replace(TENANT, "").replace(SURFACE, "");
            if (s.equals(".") || s.equals("..") || literal.contains("{") || literal.contains("}") || literal.contains(":")
                    || literal.contains("\\") || count(s, TENANT) + count(s, SURFACE) > 1) {
                throw bad(key, text, "path segment '" + s + "' is not allowed (no '.', '..', ':', '\\', other "
                        + "placeholders, or a placeholder twice)");
            }
            if ((i == tenantAt || i == surfaceAt) && !literal.chars().allMatch(c -> Identifiers.allowed((char) c))) {
                throw bad(key, text, "the text around a placeholder may only use A-Z a-z 0-9 . _ -");
            }
        }
        if (segments.stream().mapToInt(s -> count(s, TENANT)).sum() != 1
                || segments.stream().mapToInt(s -> count(s, SURFACE)).sum() != 1) {
            throw bad(key, text, TENANT + " and " + SURFACE + " must appear once each");
        }
        int first = Math.min(tenantAt, surfaceAt);
        String basePath = "/" + String.join("/", segments.subList(0, first));
        Location base;
        try {
            base = Location.of(scheme, authority, basePath);
        } catch (IllegalArgumentException e) {
            throw bad(key, text, e.getMessage());
        }
        return new PointerTemplate(text, base, segments.subList(first, segments.size()));
    }

    /** The pointer of one pair; tenant and surface must have passed {@link Identifiers}. */
    public Location locate(Identifiers rule, String tenant, String surface) {
        SafePaths.identifier(rule, "tenant", tenant);
        SafePaths.identifier(rule, "surface", surface);
        List<String> segments = new ArrayList<>();
        for (String s : rest) {
            segments.add(s.replace(TENANT, tenant).replace(SURFACE, surface));
        }
        return SafePaths.child(base, segments);
    }

    /** The registry root X when this is {@code X/current/{tenant}/{surface}/manifest.json}. */
    public Optional<Location> standardRoot() {
        return rest.equals(STANDARD_REST) && base.name().equals("current") ? base.parent() : Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }

    private static int indexOf(List<String> segments, String placeholder) {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).contains(placeholder)) {
                return i;
            }
        }
        return -1;
    }

    private static int count(String s, String placeholder) {
        int n = 0;
        for (int at = s.indexOf(placeholder); at >= 0; at = s.indexOf(placeholder, at + 1)) {
            n++;
        }
        return n;
    }

    private static PipelineException bad(String key, String text, String why) {
        return PipelineException.usage("config key '" + key + "' (or RECSYS_ARTIFACT_MANIFEST_TEMPLATE) '" + text
                + "' is not a manifest template: " + why + "; e.g. s3://bucket/registry/current/{tenant}/{surface}/manifest.json");
    }
}
