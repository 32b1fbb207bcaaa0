package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.jobs.run.ArtifactPublishing;
import io.recsys.pipelines.jobs.run.RunPipeline;
import io.recsys.pipelines.jobs.run.RunReport;
import io.recsys.pipelines.registry.PairPlan;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * `run --dry-run`: per (tenant, surface), the outcome the real run would have (the same decisions,
 * printed with the same words as the real run's summary) and what it would change against the live
 * manifest: versions, counts, bytes, top-100 change, gates.
 */
final class DryRun {
    private DryRun() {
    }

    static int report(RunPipeline.Result result, RunReport report, PrintStream out) {
        List<ArtifactPublishing.Preview> previews = result.publishing().previews();
        out.println("dry run: what `run` would do; nothing was written");
        int recorded = 0;
        boolean refused = false;
        for (ArtifactPublishing.Preview p : previews) {
            ArtifactPublishing.PairOutcome o = p.outcome();
            PairPlan plan = p.verdict();
            refused |= o.status() == ArtifactPublishing.Status.REFUSED;
            if (o.status() == ArtifactPublishing.Status.RECORDED) {
                recorded++;
                continue;
            }
            out.printf("%s %s: %s%n", o.pair(), o.day(), OutcomeText.word(o.status()));
            out.printf("  gates %s, live history entry %s%n", plan.passes() ? "pass" : "REFUSE",
                    plan.liveSeq() == null ? "none" : plan.liveSeq());
            for (PairPlan.KindPlan k : plan.kinds()) {
                out.printf(Locale.ROOT, "  %-11s %s -> %s  %s -> %s  bytes %s -> %d%s%n", k.kind().id(),
                        k.liveVersion() == null ? "(none)" : shortVersion(k.liveVersion()), shortVersion(k.candidateVersion()),
                        k.liveItems() == null ? "-" : k.liveItems(), OutcomeText.count(k.kind(), k.candidateItems()),
                        k.liveBytes() == null ? "-" : k.liveBytes(), k.candidateBytes(),
                        k.topChanged() == null ? "" : String.format(Locale.ROOT, "  top-100 changed %.0f%%", 100 * k.topChanged()));
                k.refusals().forEach(r -> out.println("    refused: " + r));
            }
        }
        if (recorded > 0) {
            out.printf("recorded %d (tenant, surface, day) artifact sets of earlier days, not live%n", recorded);
        }
        if (result.kept() != null) {
            out.println(result.kept());
        }
        report.decisions(previews);
        if (refused) {
            throw new PipelineException(ExitCode.GATE_REFUSED, "dry run: a publish gate would refuse (see above); "
                    + "the real run would exit 5 and publish nothing");
        }
        // Pairs over their reject budget: the real run would commit and publish nothing of theirs.
        java.util.Optional<PipelineException> failure = result.publishing().failure();
        if (failure.isPresent()) {
            throw new PipelineException(failure.get().exitCode(), "dry run: " + failure.get().getMessage()
                    + " The real run would exit " + failure.get().exitCode().code() + ".");
        }
        return 0;
    }

    private static String shortVersion(String version) {
        return version.substring(0, Math.min(12, version.length()));
    }

    static void deleteScratch(Path scratch, Configuration conf) {
        try {
            scratch.getFileSystem(conf).delete(scratch, true);
        } catch (IOException e) {
            System.err.println("warning: could not delete the dry run's scratch folder " + scratch + ": " + e.getMessage());
        }
    }
}
