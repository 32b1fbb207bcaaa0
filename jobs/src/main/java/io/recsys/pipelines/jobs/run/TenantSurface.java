package io.recsys.pipelines.jobs.run;

import java.util.Comparator;

/** One (tenant, surface) pair: the unit that gets its own artifacts and manifest. */
public record TenantSurface(String tenant, String surface) implements Comparable<TenantSurface> {
    private static final Comparator<TenantSurface> ORDER =
            Comparator.comparing(TenantSurface::tenant).thenComparing(TenantSurface::surface);

    @Override
    public int compareTo(TenantSurface other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return tenant + "/" + surface;
    }
}
