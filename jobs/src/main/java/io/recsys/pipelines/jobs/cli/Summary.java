package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.jobs.run.ArtifactPublishing;
import io.recsys.pipelines.jobs.run.RunPipeline;
import io.recsys.pipelines.registry.PairPublisher;
import io.recsys.pipelines.registry.RegistryLayout;

import java.io.PrintStream;
import java.util.List;

/** The human end of a run: what went live where, and the head of each popularity list. */
final class Summary {
    private Summary() {
    }

    static void print(RunPipeline.Result result, List<ArtifactPublishing.PairOutcome> finished, RegistryLayout registry,
                      PrintStream out) {
        int recorded = 0;
        int covered = 0;
        List<ArtifactPublishing.PairOutcome> all = new java.util.ArrayList<>(result.outcomes());
        all.addAll(finished);
        for (ArtifactPublishing.PairOutcome o : all) {
            if (o.status() == ArtifactPublishing.Status.RECORDED) {
                recorded++;
                continue;
            }
            if (o.status() == ArtifactPublishing.Status.COVERED) {
                covered++;
                continue;
            }
            if (o.failed()) {
                out.printf("%s %s: %s, exit %d: %s%n", o.pair(), o.day(), OutcomeText.word(o.status()),
                        o.exitCode(), o.error());
                continue;
            }
            out.printf("%s %s: %s%s%n", o.pair(), o.day(), OutcomeText.word(o.status()),
                    o.seq() > 0 ? " (history entry " + o.seq() + ")" : "");
            boolean live = o.status() == ArtifactPublishing.Status.PUBLISHED || o.status() == ArtifactPublishing.Status.UNCHANGED;
            if (live) {
                out.printf("  manifest    %s%n", registry.pointer(o.pair().tenant(), o.pair().surface()).serviceUri());
            }
            for (PairPublisher.WrittenArtifact w : o.artifacts()) {
                out.printf("  %-11s %s  %s, %d bytes%n", w.ref().kind(), w.ref().version(),
                        OutcomeText.count(w.ref().kind(), w.ref().items()), w.ref().bytes());
            }
            if (!live) {
                continue;
            }
            List<ItemCount> head = result.topItems().getOrDefault(o.pair(), List.of());
            if (!head.isEmpty()) {
                out.println("  top items   " + top(head));
            }
        }
        if (covered > 0) {
            out.printf("%d (tenant, surface) pairs had no events to publish; their checkpoints moved on%n", covered);
        }
        if (recorded > 0) {
            out.printf("recorded %d (tenant, surface, day) artifact sets of earlier days, not live%n", recorded);
        }
        if (result.kept() != null) {
            out.println(result.kept());
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
