package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.jobs.run.RunReport;
import io.recsys.pipelines.jobs.run.TenantSurface;
import io.recsys.pipelines.registry.PairPlan;
import io.recsys.pipelines.registry.PairPublisher;
import io.recsys.pipelines.registry.RunInfo;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/** `run --dry-run`: what a publish would change, per (tenant, surface), with nothing written. */
final class DryRun {
    private DryRun() {
    }

    /** What a publish would do with one pair's artifacts: computed as the run hands them on, one pair at a time. */
    static BiConsumer<TenantSurface, List<Artifact>> planner(PairPublisher publisher, RunInfo run, List<PairPlan> plans) {
        return (pair, artifacts) -> plans.add(publisher.plan(pair.tenant(), pair.surface(), artifacts, run));
    }

    static int report(List<PairPlan> plans, RunReport report, PrintStream out) {
        boolean allPass = true;
        for (PairPlan plan : plans) {
            allPass &= plan.passes();
            out.printf("%s/%s: %s, gates %s (live history entry %s)%n", plan.tenant(), plan.surface(),
                    plan.changes() ? "would publish" : "unchanged", plan.passes() ? "pass" : "REFUSE",
                    plan.liveSeq() == null ? "none" : plan.liveSeq());
            for (PairPlan.KindPlan k : plan.kinds()) {
                out.printf(Locale.ROOT, "  %-11s %s -> %s  items %s -> %d  bytes %s -> %d%s%n", k.kind(),
                        k.liveVersion() == null ? "(none)" : shortVersion(k.liveVersion()), shortVersion(k.candidateVersion()),
                        k.liveItems() == null ? "-" : k.liveItems(), k.candidateItems(),
                        k.liveBytes() == null ? "-" : k.liveBytes(), k.candidateBytes(),
                        k.topChanged() == null ? "" : String.format(Locale.ROOT, "  top-100 changed %.0f%%", 100 * k.topChanged()));
                k.refusals().forEach(r -> out.println("    refused: " + r));
            }
        }
        report.put("dry_run", plans);
        if (!allPass) {
            throw new PipelineException(ExitCode.GATE_REFUSED, "dry run: a publish gate would refuse (see above); nothing was written");
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
