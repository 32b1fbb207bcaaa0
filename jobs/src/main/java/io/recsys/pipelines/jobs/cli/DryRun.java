package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.jobs.run.ArtifactPublishing;
import io.recsys.pipelines.jobs.run.RunReport;
import io.recsys.pipelines.registry.PairPlan;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * `run --dry-run`: per (tenant, surface), the outcome the real run would have (the same decisions,
 * printed with the same words as the real run's summary) and what it would change against the live
 * manifest: versions, counts, bytes, top-100 change, gates.
 */
final class DryRun {
    private DryRun() {
    }

    static int report(List<ArtifactPublishing.Preview> previews, RunReport report, PrintStream out) {
        out.println("dry run: what `run` would do; nothing was written");
        List<Map<String, Object>> decisions = new ArrayList<>();
        int recorded = 0;
        boolean refused = false;
        for (ArtifactPublishing.Preview p : previews) {
            ArtifactPublishing.PairOutcome o = p.outcome();
            PairPlan plan = p.verdict();
            refused |= o.status() == ArtifactPublishing.Status.REFUSED;
            decisions.add(decision(p));
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
        report.put("decisions", decisions);
        if (refused) {
            throw new PipelineException(ExitCode.GATE_REFUSED, "dry run: a publish gate would refuse (see above); "
                    + "the real run would exit 5 and publish nothing");
        }
        return 0;
    }

    /** One pair's decision for the report, snake_case like the rest of it. */
    private static Map<String, Object> decision(ArtifactPublishing.Preview p) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("day", p.outcome().day().toString());
        d.put("tenant", p.outcome().pair().tenant());
        d.put("surface", p.outcome().pair().surface());
        d.put("status", p.outcome().status().name().toLowerCase(Locale.ROOT));
        d.put("live_seq", p.verdict().liveSeq());
        d.put("gates_pass", p.verdict().passes());
        List<Map<String, Object>> kinds = new ArrayList<>();
        for (PairPlan.KindPlan k : p.verdict().kinds()) {
            Map<String, Object> kind = new LinkedHashMap<>();
            kind.put("kind", k.kind().id());
            kind.put("live_uri", k.liveUri());
            kind.put("candidate_uri", k.candidateUri());
            kind.put("live_version", k.liveVersion());
            kind.put("candidate_version", k.candidateVersion());
            kind.put("live_items", k.liveItems());
            kind.put("candidate_items", k.candidateItems());
            kind.put("live_bytes", k.liveBytes());
            kind.put("candidate_bytes", k.candidateBytes());
            kind.put("top_changed", k.topChanged());
            kind.put("gates", k.gates());
            kind.put("refusals", k.refusals());
            kinds.add(kind);
        }
        d.put("kinds", kinds);
        return d;
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
