package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.registry.PairPublisher;

import java.io.PrintStream;
import java.util.List;

/** The human end of a run: what went live where. */
final class Summary {
    private Summary() {
    }

    static void print(List<PairPublisher.Result> results, PrintStream out) {
        for (PairPublisher.Result r : results) {
            out.printf("%s/%s: %s (history entry %d)%n", r.tenant(), r.surface(),
                    r.outcome().published() ? "published" : "unchanged, already live", r.outcome().seq());
            for (PairPublisher.WrittenArtifact w : r.artifacts()) {
                out.printf("  %-12s %s  %d items, %d bytes%n", w.ref().kind(), w.ref().version(), w.ref().items(),
                        w.ref().bytes());
            }
        }
    }
}
