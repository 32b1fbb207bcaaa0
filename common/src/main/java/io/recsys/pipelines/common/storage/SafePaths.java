package io.recsys.pipelines.common.storage;

import io.recsys.pipelines.common.errors.PipelineException;

import java.util.List;

/**
 * The one way a path is made from data (a tenant, a surface, a kind, a version, a day): every
 * segment is checked before it is joined to a configured root, so that no value can become a
 * scheme ({@code file:}), an absolute path, a parent reference or a second level of folders.
 * Tenants and surfaces are checked by {@link Identifiers}; the other segments by {@link #name}.
 */
public final class SafePaths {
    /** Longest segment made from data; file systems allow 255 bytes per name. */
    public static final int MAX_NAME = 200;

    private SafePaths() {
    }

    /**
     * A file or folder name made from data other than a tenant or surface (a kind, a version, a day,
     * a file name): 1-{@value #MAX_NAME} characters of {@code [A-Za-z0-9._-]}, not starting with '.'.
     */
    public static String name(String what, String value) {
        String problem = nameProblem(value);
        if (problem != null) {
            throw PipelineException.usage("refusing to build a storage path from " + what + " '"
                    + Identifiers.printable(value) + "': " + problem);
        }
        return value;
    }

    public static String nameProblem(String value) {
        if (value == null || value.isEmpty()) {
            return "it is empty";
        }
        if (value.length() > MAX_NAME) {
            return "it is longer than " + MAX_NAME + " characters";
        }
        if (value.charAt(0) == '.') {
            return "it starts with '.'";
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Identifiers.allowed(value.charAt(i))) {
                return "it contains a character other than A-Z a-z 0-9 . _ -";
            }
        }
        return null;
    }

    /** A tenant or surface as a path segment: the identifier rule, reserved names included. */
    public static String identifier(Identifiers rule, String what, String value) {
        String problem = rule.problem(value);
        if (problem != null) {
            throw PipelineException.usage("refusing to build a storage path from " + what + " '"
                    + Identifiers.printable(value) + "': " + problem);
        }
        return value;
    }

    /** {@code root/segments...}; each segment must already have passed {@link #name} or {@link #identifier}. */
    public static Location child(Location root, List<String> segments) {
        for (String s : segments) {
            // The last line of defence: whatever checked the segment before, none of these can pass.
            if (s.isEmpty() || s.equals(".") || s.equals("..") || s.indexOf('/') >= 0 || s.indexOf('\\') >= 0
                    || s.indexOf(':') >= 0) {
                throw PipelineException.usage("refusing to build a storage path under " + root + " from '"
                        + Identifiers.printable(s) + "'");
            }
        }
        return root.child(segments);
    }

    public static Location child(Location root, String... segments) {
        return child(root, List.of(segments));
    }
}
