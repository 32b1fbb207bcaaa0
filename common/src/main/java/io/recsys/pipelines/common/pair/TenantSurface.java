package io.recsys.pipelines.common.pair;

import io.recsys.pipelines.common.storage.Identifiers;

import java.util.Comparator;

/**
 * One (tenant, surface) pair: the unit that gets its own artifacts, manifest and checkpoint. Both names
 * pass the identifier rule's syntax at construction, so a pair can always become a path segment; the
 * reserved names depend on the configuration and are checked where the names enter (parser, options).
 */
public record TenantSurface(String tenant, String surface) implements Comparable<TenantSurface> {
    private static final Comparator<TenantSurface> ORDER =
            Comparator.comparing(TenantSurface::tenant).thenComparing(TenantSurface::surface);

    public TenantSurface {
        requireName("tenant", tenant);
        requireName("surface", surface);
    }

    private static void requireName(String what, String name) {
        String problem = Identifiers.syntaxProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException(what + " is not a valid identifier: " + problem);
        }
    }

    @Override
    public int compareTo(TenantSurface other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return tenant + "/" + surface;
    }
}
