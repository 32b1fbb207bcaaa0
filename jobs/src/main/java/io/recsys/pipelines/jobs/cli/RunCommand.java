package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.registry.RunIdentity;
import io.recsys.pipelines.registry.cli.ConfigOptions;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.jobs.db.DbSignalsJob;
import io.recsys.pipelines.jobs.run.ArtifactPublishing;
import io.recsys.pipelines.jobs.run.ReportedRun;
import io.recsys.pipelines.jobs.run.RunOptions;
import io.recsys.pipelines.jobs.run.RunPipeline;
import io.recsys.pipelines.jobs.run.RunPlan;
import io.recsys.pipelines.jobs.run.RunReport;
import io.recsys.pipelines.registry.PairPlan;
import io.recsys.pipelines.registry.PairPublisher;
import io.recsys.pipelines.registry.RegistryContext;
import io.recsys.pipelines.jobs.run.RunMetrics;
import io.recsys.pipelines.registry.PublishCheckpoints;
import io.recsys.pipelines.registry.RunInfo;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Canonicalize events, write daily aggregates, build the selected artifact kinds for every "
                + "(tenant, surface) present (or the one named) and publish them: blobs write-once, records, a "
                + "numbered history entry, and the current manifest swapped last.",
                "One day: --date D. Back-fill: --start D1 --end D2 (every day built and recorded, the last one "
                        + "published, one history entry). Incremental: --incremental --end D (from the day after "
                        + "each pair's last published day; the first run needs --start).",
                "A re-run with the same input publishes nothing new."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    DayScopeOptions days;

    @Option(names = "--incremental", description = "Start after each (tenant, surface)'s last published day.")
    boolean incremental;

    @Option(names = "--window-days", paramLabel = "N", defaultValue = "1",
            description = "Each artifact covers the N days ending on its day (default ${DEFAULT-VALUE}).")
    int windowDays;

    @Option(names = "--allow-partial-window", description = "Build even when days of the window are neither in the "
            + "canonical store nor in the input (otherwise exit 3 naming them); the missing days are recorded in the run "
            + "report and the history entry.")
    boolean allowPartialWindow;

    @Option(names = "--replace-whole-days", description = "Treat the input as the whole of its days for every "
            + "(tenant, surface) in scope: a pair stored on those days but absent from the input loses its rows. "
            + "Without it, such a pair is kept as it was and named in the summary (\"kept: not in this input\").")
    boolean replaceWholeDays;

    @Option(names = "--kinds", paramLabel = "KIND[,KIND...]", split = ",",
            description = "Artifact kinds to build (default: artifacts.kinds): popularity, cooc, implicit, session_seq, content_sim.")
    List<String> kinds;

    @Option(names = "--segment", paramLabel = "SEG", defaultValue = "",
            description = "Segment written into the artifacts (and so into their versions); default none.")
    String segment;

    @Option(names = "--force", description = "Publish even if the popularity total dropped more than publish.max_drop_ratio, "
            + "a version was rejected by a rollback, or the pair's publish checkpoint (its last published day, "
            + "under <registry>/checkpoints/) is at a later day (recorded in the history entry).")
    boolean force;

    @Option(names = "--dry-run", description = "Build everything and decide, per (tenant, surface), exactly as the real run "
            + "would (later-day rule, unchanged, gates, rejected versions), printing the same outcome words and what would "
            + "change against the live manifest (versions, counts, bytes, top-100 change, gates). Writes nothing: not the "
            + "canonical store, the object store, the registry, metrics, nor a run report (see --report). Exit 5 if a "
            + "gate would refuse.")
    boolean dryRun;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the run report to FILE (local or s3a://) "
            + "instead of storage.reports; the only way a dry run writes one.")
    String reportFile;

    @Option(names = "--mode", paramLabel = "artifacts|db", description = "artifacts: build and publish artifacts; db: write "
            + "each day's signals into the service's PostgreSQL instead, as `db-signals` does (default: config key mode).")
    String mode;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() {
        PipelineConfig config = configOptions.load();
        days.checkScope(config.identifiers());
        RunOptions options = options();
        if (mode == null ? config.db().runWritesDb() : DbSignalsJob.isDbMode(mode)) {
            return DbSignalsJob.run(config, options, "run");
        }
        // Every decision that needs no data is made before Spark starts (about 3 s): a bad range, the
        // back-fill limit, a missing catalog and an incremental run with nothing to do cost nothing.
        Instant startedAt = Instant.now();
        String runId = RunIdentity.runId(startedAt);
        RunReport report = new RunReport(runId, "run", startedAt);
        Location reportPath = reportFile != null ? Location.of(reportFile)
                : dryRun ? null : Location.of(config.storage().reports()).child("run-" + runId + ".json");
        if (dryRun) {
            report.markDryRun();
        }
        Optional<RunPlan> planned;
        try {
            planned = Preflight.plan(options, config);
        } catch (PipelineException e) {
            // A usage or limit error ran nothing and writes nothing; a registry that cannot be read (exit 7) is
            // a failed run like any other: its report and the metrics say so, so that it reaches monitoring.
            if (e.exitCode() == ExitCode.STORAGE && reportPath != null) {
                Preflight.finishWithoutSpark(config, report, reportPath, e.exitCode().code(), e.getMessage(),
                        hadoopConf -> writeMetrics(config, hadoopConf, report, e.exitCode().code()));
            }
            throw e;
        }
        if (planned.isEmpty()) {
            System.out.println("nothing to do: every (tenant, surface) in scope is published up to " + days.end());
            report.nothingToDo();
            if (!dryRun) {
                Preflight.finishWithoutSpark(config, report, reportPath, 0, null,
                        hadoopConf -> writeMetrics(config, hadoopConf, report, 0));
            } else if (reportPath != null) {
                Preflight.finishWithoutSpark(config, report, reportPath, 0, null, hadoopConf -> { });
            }
            return 0;
        }
        RunPlan plan = planned.get();
        return ReportedRun.execute(config, "recsys-pipelines run", report, reportPath,
                (spark, hadoopConf) -> execute(spark, hadoopConf, config, options, plan, report, startedAt),
                (hadoopConf, exitCode) -> {
                    if (dryRun) {
                        DryRun.deleteScratch(RunPipeline.dryRunScratch(config, runId), hadoopConf);
                    } else {
                        writeMetrics(config, hadoopConf, report, exitCode);
                    }
                });
    }

    private int execute(SparkSession spark, Configuration hadoopConf, PipelineConfig config, RunOptions options,
                        RunPlan plan, RunReport report, Instant startedAt) {
        RegistryContext registry = RegistryContext.of(config, hadoopConf, Instant::now);
        PublishCheckpoints checkpoints = registry.checkpoints();
        RunInfo invocation = new RunInfo(report.runId(), startedAt, RunIdentity.who(), reason(plan), lineage(spark));
        PairPublisher publisher = registry.publisher(force);
        RunPipeline.Result result = new RunPipeline(spark, config, options, report, invocation,
                run -> dryRun ? ArtifactPublishing.dryRun(publisher, checkpoints, run, force)
                        : new ArtifactPublishing(publisher, checkpoints, run, force)).execute(plan);
        ArtifactPublishing publishing = result.publishing();
        if (dryRun) {
            return DryRun.report(result, report, System.out);
        }
        // Each pair on its own: idle pairs move on, failed ones are reported, the worst outcome is the exit code.
        List<ArtifactPublishing.PairOutcome> finished = publishing.finish(plan);
        report.pairs(publishing.outcomes());
        publishing.warnings().forEach(report::warning);
        Summary.print(result, finished, registry.registry().layout(), System.out);
        publishing.failure().ifPresent(failure -> {
            throw failure;
        });
        return 0;
    }

    /** Written after every run, failed or not (RunMetrics.deliver says how). */
    private static void writeMetrics(PipelineConfig config, Configuration hadoopConf, RunReport report, int exitCode) {
        try {
            RunMetrics.deliver(config, hadoopConf, report.summary(), exitCode);
        } catch (RuntimeException e) {
            System.err.println("warning: could not write metrics: " + e.getMessage());
        }
    }

    /** Checks the day/range flags before Spark starts, so a usage error costs nothing. */
    RunOptions options() {
        if (days.date() != null && (days.start() != null || days.end() != null || incremental)) {
            throw PipelineException.usage("--date cannot be combined with --start, --end or --incremental");
        }
        if (days.date() == null && days.end() == null) {
            throw PipelineException.usage("say which days: --date D, --start D1 --end D2, or --incremental --end D");
        }
        if (days.date() == null && !incremental && days.start() == null) {
            throw PipelineException.usage("--end needs --start (a back-fill) or --incremental");
        }
        List<ArtifactKind> selected = kinds == null ? null : PipelineConfig.parseKinds(kinds, "--kinds");
        return new RunOptions(days.first(), days.last(), incremental, windowDays, selected, days.tenant(),
                days.surface(), segment, force, dryRun, allowPartialWindow, replaceWholeDays);
    }

    private String reason(RunPlan plan) {
        String covered = plan.days().dayCount() == 1 ? "day " + plan.days().start() : "days " + plan.days();
        return (incremental ? "incremental run, " : plan.days().dayCount() > 1 ? "back-fill, " : "daily run, ") + covered;
    }

    private Map<String, Object> lineage(SparkSession spark) {
        Map<String, Object> lineage = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        args.add("run");
        if (days.date() != null) {
            args.add("--date " + days.date());
        }
        if (days.start() != null) {
            args.add("--start " + days.start());
        }
        if (days.end() != null) {
            args.add("--end " + days.end());
        }
        if (incremental) {
            args.add("--incremental");
        }
        args.add("--window-days " + windowDays);
        if (allowPartialWindow) {
            args.add("--allow-partial-window");
        }
        if (replaceWholeDays) {
            args.add("--replace-whole-days");
        }
        if (kinds != null) {
            args.add("--kinds " + String.join(",", kinds));
        }
        if (days.tenant() != null) {
            args.add("--tenant " + days.tenant());
        }
        if (days.surface() != null) {
            args.add("--surface " + days.surface());
        }
        if (!segment.isEmpty()) {
            args.add("--segment " + segment);
        }
        if (force) {
            args.add("--force");
        }
        if (dryRun) {
            args.add("--dry-run");
        }
        if (reportFile != null) {
            args.add("--report " + reportFile);
        }
        args.addAll(configOptions.describe());
        lineage.put("command", String.join(" ", args));
        lineage.put("code_version", VersionProvider.version());
        lineage.put("spark_application_id", spark.sparkContext().applicationId());
        return lineage;
    }
}
