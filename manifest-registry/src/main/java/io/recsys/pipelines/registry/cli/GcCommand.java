package io.recsys.pipelines.registry.cli;

import io.recsys.pipelines.registry.GarbageCollector;
import io.recsys.pipelines.registry.GcReport;
import io.recsys.pipelines.registry.RegistryContext;
import io.recsys.pipelines.common.pair.TenantSurface;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;

@Command(name = "gc",
        description = {"Delete blobs (under storage.objectstore) and records that no rollback can need any more: "
                + "not named by the live pointer nor by the manifests of the newest N history entries, and older "
                + "than --min-age. Prints every object it deletes (or, with --dry-run, would delete).",
                "Never deleted: anything a kept entry names, history entries, rejected markers; a pair whose pointer "
                        + "lags its newest entry (a publish in progress or with an unknown outcome) is skipped. "
                        + "Without --tenant/--surface, every (tenant, surface) with a history is collected.",
                "Objects modified after the newest history entry was written are never deleted: they belong to a "
                        + "publish on its way. Local registries also lock the pair against publishers; on S3 gc "
                        + "stops a pair when a publish creates a newer entry while it runs."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {ExitCodes.OK, ExitCodes.USAGE, ExitCodes.STORAGE})
public final class GcCommand extends RegistryCommand {
    @ArgGroup(exclusive = false, multiplicity = "0..1")
    PairOptions pair;

    @Option(names = "--keep", required = true, paramLabel = "N",
            description = "Keep what the newest N history entries name (at least 1): rollback targets stay restorable.")
    int keep;

    @Option(names = "--min-age", paramLabel = "DURATION", defaultValue = "7d", converter = Durations.Converter.class,
            description = "Only delete objects older than this: 7d, 36h, 90m, 1w (default: ${DEFAULT-VALUE}).")
    Duration minAge;

    @Option(names = "--dry-run", description = "Print what would be deleted; delete nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        RegistryContext context = dryRun ? context() : writingContext();
        GarbageCollector gc = context.garbageCollector();
        PrintWriter out = out();
        String verb = dryRun ? "would delete" : "deleted";
        int total = 0;
        for (TenantSurface p : PairOptions.scope(pair, context.registry())) {
            GcReport report = gc.collect(p.tenant(), p.surface(), keep, minAge, dryRun);
            if (report.skipped() != null) {
                out.printf("%s: skipped: %s%n", p, report.skipped());
                continue;
            }
            out.printf("%s: versions kept (named by the pointer or the newest %d entries): %d%n", p, keep,
                    report.keptVersions());
            for (GcReport.Deletion d : report.deletions()) {
                out.printf("  %s %s %s (age %s)%n", verb, d.what(), d.location(), Durations.format(Duration.ofSeconds(d.ageSeconds())));
            }
            if (report.stopped() != null) {
                out.printf("  stopped: %s%n", report.stopped());
            }
            total += report.deletions().size();
        }
        out.printf("gc: objects older than %s %s: %d%s%n", Durations.format(minAge), verb, total,
                dryRun ? " (dry run: nothing was deleted)" : "");
        return 0;
    }
}
