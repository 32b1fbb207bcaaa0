package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.jobs.run.RunPipeline;
import io.recsys.pipelines.jobs.run.TenantSurface;
import io.recsys.pipelines.registry.PairPublisher;
import io.recsys.pipelines.registry.RegistryLayout;

import java.io.PrintStream;
import java.util.List;

/** The human end of a run: what went live where, and the head of each popularity list. */
final class Summary {
    private static final int TOP = 5;

    private Summary() {
    }

    static void print(RunPipeline.Result result, RegistryLayout registry, PrintStream out) {
        for (PairPublisher.Result r : result.published()) {
            out.printf("%s/%s: %s (history entry %d)%n", r.tenant(), r.surface(),
                    r.outcome().published() ? "published" : "unchanged, already live", r.outcome().seq());
            out.printf("  manifest   %s%n", Locations.serviceUri(registry.pointer(r.tenant(), r.surface())));
            for (PairPublisher.WrittenArtifact w : r.artifacts()) {
                out.printf("  %-10s %s  %d items, %d bytes%n", w.ref().kind(), w.ref().version(), w.ref().items(),
                        w.ref().bytes());
            }
            List<ItemCount> top = result.popularity().getOrDefault(new TenantSurface(r.tenant(), r.surface()), List.of());
            StringBuilder line = new StringBuilder("  top items ");
            for (int i = 0; i < Math.min(TOP, top.size()); i++) {
                line.append(i == 0 ? "" : ", ").append(top.get(i).itemId()).append('=').append(top.get(i).count());
            }
            out.println(line);
        }
    }
}
