package io.recsys.pipelines.common.storage;

import io.recsys.pipelines.common.errors.PipelineException;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one rule for tenant and surface names, which become path segments of every store (partition
 * folders, blob keys, registry files): 1-64 characters of {@code [A-Za-z0-9._-]}, not starting with
 * {@code .} or {@code -}, and not a reserved name. Reserved are the names the layout itself uses
 * ({@link #LAYOUT_NAMES}) and the first path segment of every other configured location that lies
 * under the object-store root (where blobs are {@code <root>/<tenant>/...}), so that no tenant's
 * folder can be another location's folder. Reserved names are matched without regard to case, so
 * the rule holds on case-insensitive filesystems too.
 *
 * <p>Also the rule for item, user, session and request ids ({@link #isValidId}): free text, but at most
 * {@code limits.max_id_bytes} UTF-8 bytes and without a control character. Tenant and surface names
 * can hold no control character either: none is in the allowed set.
 * Serializable: the event parser runs on Spark executors and gets the rule as a value.
 */
public final class Identifiers implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int MAX_LENGTH = 64;
    public static final int DEFAULT_MAX_ID_BYTES = 512;

    /** The folders of the registry's layout, and the name Hive-style partitions use for null. */
    public static final Set<String> LAYOUT_NAMES = Collections.unmodifiableSet(new TreeSet<>(Set.of(
            "registry", "current", "history", "records", "rejected", "rejected-cleared", "checkpoints", "locks",
            "__HIVE_DEFAULT_PARTITION__")));

    /** Only the layout's own names, and the default id length limit. */
    public static final Identifiers DEFAULT = new Identifiers(Set.of(), DEFAULT_MAX_ID_BYTES);

    private final TreeSet<String> reserved = new TreeSet<>();
    private final int maxIdBytes;

    public Identifiers(Collection<String> extraReserved, int maxIdBytes) {
        LAYOUT_NAMES.forEach(n -> reserved.add(n.toLowerCase(Locale.ROOT)));
        extraReserved.forEach(n -> reserved.add(n.toLowerCase(Locale.ROOT)));
        this.maxIdBytes = maxIdBytes;
    }

    /** Lower-cased: the layout's names and those taken by other locations under the object store. */
    public Set<String> reserved() {
        return Collections.unmodifiableSet(reserved);
    }

    public int maxIdBytes() {
        return maxIdBytes;
    }

    public boolean isValid(String name) {
        return problem(name) == null;
    }

    /** Why {@code name} is not a valid tenant or surface, or null when it is. */
    public String problem(String name) {
        String syntax = syntaxProblem(name);
        if (syntax != null) {
            return syntax;
        }
        if (reserved.contains(name.toLowerCase(Locale.ROOT))) {
            return "'" + name + "' is reserved (the storage layout uses it: " + String.join(", ", reserved) + ")";
        }
        return null;
    }

    /** The rule without the reserved names: what a path segment built from a name must look like. */
    public static String syntaxProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "it is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "it is " + name.length() + " characters long, more than " + MAX_LENGTH;
        }
        char first = name.charAt(0);
        if (first == '.' || first == '-') {
            return "it starts with '" + first + "'";
        }
        for (int i = 0; i < name.length(); i++) {
            if (!allowed(name.charAt(i))) {
                return "it contains " + describe(name.charAt(i)) + " (allowed: A-Z a-z 0-9 . _ -)";
            }
        }
        return null;
    }

    /** For command-line options and other inputs a person typed: a usage error (exit 2) naming the option. */
    public String require(String what, String name) {
        String problem = problem(name);
        if (problem != null) {
            throw PipelineException.usage(what + " '" + printable(name) + "' is not a valid identifier: " + problem
                    + ". Tenants and surfaces are 1-" + MAX_LENGTH + " characters of A-Z a-z 0-9 . _ -, not starting "
                    + "with '.' or '-', and not a reserved name");
        }
        return name;
    }

    /**
     * Whether an item, user, session or request id is acceptable: at most {@code limits.max_id_bytes}
     * in UTF-8 ({@link #idTooLong}) and no control character ({@link #hasControlCharacter}). Runs per
     * field per event line: the length check needs no pass over the chars below a third of the limit,
     * the control check is one pass, and neither allocates for such ids.
     */
    public boolean isValidId(String id) {
        return !idTooLong(id) && !hasControlCharacter(id);
    }

    /**
     * Whether {@code s} holds a control character: C0 (U+0000-U+001F, NUL among them), DEL (U+007F)
     * or C1 (U+0080-U+009F), i.e. Unicode's category Cc, {@link Character#isISOControl}. C1 counts too:
     * like C0 they are invisible, and some are line breaks (U+0085) or terminal escapes (U+009B) to the
     * tools that show ids. No other char is a control: a surrogate pair, U+00A0 or U+2028 is not.
     */
    public static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether an item, user, session or request id is over {@code limits.max_id_bytes} in UTF-8. */
    public boolean idTooLong(String id) {
        // Every char is at most 3 UTF-8 bytes (a surrogate pair is 2 chars for 4 bytes): no count needed below this.
        if ((long) id.length() * 3 <= maxIdBytes) {
            return false;
        }
        return id.length() > maxIdBytes || id.getBytes(StandardCharsets.UTF_8).length > maxIdBytes;
    }

    static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-';
    }

    private static String describe(char c) {
        return c < 0x20 || c == 0x7F || c > 0x7E ? String.format(Locale.ROOT, "U+%04X", (int) c) : "'" + c + "'";
    }

    /** Names in error messages: control characters escaped, long names cut. */
    static String printable(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < 80; i++) {
            char c = name.charAt(i);
            out.append(c < 0x20 || c == 0x7F ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return name.length() > 80 ? out + "...(" + name.length() + " characters)" : out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identifiers other && other.reserved.equals(reserved) && other.maxIdBytes == maxIdBytes;
    }

    @Override
    public int hashCode() {
        return reserved.hashCode() * 31 + maxIdBytes;
    }

    @Override
    public String toString() {
        return "Identifiers[reserved=" + reserved + ", maxIdBytes=" + maxIdBytes + "]";
    }
}
