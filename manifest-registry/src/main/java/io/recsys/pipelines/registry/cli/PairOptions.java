package io.recsys.pipelines.registry.cli;

import io.recsys.pipelines.common.storage.Identifiers;
import io.recsys.pipelines.registry.Registry;
import io.recsys.pipelines.common.pair.TenantSurface;
import picocli.CommandLine.Option;

import java.util.List;

/** --tenant and --surface, always given together (an argument group makes them optional as a pair). */
public final class PairOptions {
    @Option(names = "--tenant", required = true, paramLabel = "T", description = "Tenant id.")
    String tenant;

    @Option(names = "--surface", required = true, paramLabel = "S", description = "Surface id.")
    String surface;

    /** The pair named, or every pair of the registry when none is. */
    static List<TenantSurface> scope(PairOptions pair, Registry registry) {
        if (pair == null) {
            return registry.pairs();
        }
        Identifiers identifiers = registry.layout().identifiers();
        return List.of(new TenantSurface(identifiers.require("--tenant", pair.tenant),
                identifiers.require("--surface", pair.surface)));
    }
}
