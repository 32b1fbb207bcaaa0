package io.recsys.pipelines.common.pair;

import io.recsys.pipelines.common.storage.Identifiers;

import java.io.Serializable;

/** The (tenant, surface) scope of a run or a command: a null name means every one. */
public record PairFilter(String tenant, String surface) implements Serializable {
    public static final PairFilter ALL = new PairFilter(null, null);

    public PairFilter {
        for (String name : new String[]{tenant, surface}) {
            if (name != null && Identifiers.syntaxProblem(name) != null) {
                throw new IllegalArgumentException("not a valid identifier in a pair filter: "
                        + Identifiers.syntaxProblem(name));
            }
        }
    }

    public boolean matches(String t, String s) {
        return (tenant == null || tenant.equals(t)) && (surface == null || surface.equals(s));
    }

    public boolean matches(TenantSurface pair) {
        return matches(pair.tenant(), pair.surface());
    }

    @Override
    public String toString() {
        return (tenant == null ? "*" : tenant) + "/" + (surface == null ? "*" : surface);
    }
}
