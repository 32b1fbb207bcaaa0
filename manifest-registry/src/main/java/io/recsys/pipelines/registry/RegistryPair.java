package io.recsys.pipelines.registry;

/** One (tenant, surface) the registry knows. */
public record RegistryPair(String tenant, String surface) implements Comparable<RegistryPair> {

    @Override
    public int compareTo(RegistryPair other) {
        int byTenant = tenant.compareTo(other.tenant);
        return byTenant != 0 ? byTenant : surface.compareTo(other.surface);
    }

    @Override
    public String toString() {
        return tenant + "/" + surface;
    }
}
