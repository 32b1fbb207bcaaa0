package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.jobs.run.ArtifactPublishing;
import io.recsys.pipelines.jobs.run.RunPipeline;
import io.recsys.pipelines.registry.PairPublisher;
import io.recsys.pipelines.registry.RegistryLayout;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The human end of a run: what went live where, and the head of each popularity list. */
final class Summary {
    private Summary() {
    }

    static void print(RunPipeline.Result result, RegistryLayout registry, PrintStream out) {
        int recorded = 0;
        for (ArtifactPublishing.PairOutcome o : result.outcomes()) {
            if (o.status() == ArtifactPublishing.Status.RECORDED) {
                recorded++;
                continue;
            }
            out.printf("%s %s: %s%s%n", o.pair(), o.day(), o.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    o.seq() > 0 ? " (history entry " + o.seq() + ")" : "");
            out.printf("  manifest    %s%n", Locations.serviceUri(registry.pointer(o.pair().tenant(), o.pair().surface())));
            for (PairPublisher.WrittenArtifact w : o.artifacts()) {
                out.printf("  %-11s %s  %d items, %d bytes%n", w.ref().kind(), w.ref().version(), w.ref().items(),
                        w.ref().bytes());
            }
            List<ItemCount> head = result.topItems().getOrDefault(o.pair(), List.of());
            if (!head.isEmpty()) {
                out.println("  top items   " + top(head));
            }
        }
        if (recorded > 0) {
            out.printf("recorded %d (tenant, surface, day) artifact sets of earlier days without publishing them%n", recorded);
        }
    }

    private static String top(List<ItemCount> items) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            line.append(i == 0 ? "" : ", ").append(items.get(i).itemId()).append('=').append(items.get(i).count());
        }
        return line.toString();
    }
}
