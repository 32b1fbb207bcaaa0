package io.recsys.pipelines.jobs.tables;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.jobs.canonicalize.CanonicalStore;
import io.recsys.pipelines.jobs.spark.SparkSessions;
import io.recsys.pipelines.registry.cli.ConfigOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "table", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Maintenance of the Delta tables of the canonical store and the daily aggregates.",
                "history: the table's versions (which run committed what; artifacts' lineage names these versions).",
                "vacuum: delete files that no version of the last --retain-hours needs (default tables.vacuum_retain_hours), "
                        + "and staging folders that interrupted runs left behind; less than Delta's 168 hours needs --force.",
                "optimize: compact small files into files of about the target size (a new version, the same rows).",
                "convert: turn a plain Parquet store written by an earlier version into Delta tables in place "
                        + "(CONVERT TO DELTA, or a one-time rewrite of the rows where this Delta build cannot run it); "
                        + "runs refuse an unconverted store."})
public final class TableCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "history|vacuum|optimize|convert", description = "What to do.")
    String action;

    @Option(names = "--table", paramLabel = "NAME", defaultValue = StoreTables.ALL,
            description = "canonical/exposures, canonical/outcomes, canonical/canonicalized_days, aggregates or all "
                    + "(default ${DEFAULT-VALUE}).")
    String table;

    @Option(names = "--retain-hours", paramLabel = "N", description = "vacuum: hours of versions to keep "
            + "(default: config tables.vacuum_retain_hours); below 168 only with --force.")
    Integer retainHours;

    @Option(names = "--force", description = "vacuum: accept a retention below Delta's safety interval of 168 hours, "
            + "which can delete files that readers, running jobs or time travel to older versions still need.")
    boolean force;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "history: versions shown per table "
            + "(default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() {
        PipelineConfig config = configOptions.load();
        if (!List.of("history", "vacuum", "optimize", "convert").contains(action)) {
            throw PipelineException.usage("table: the action must be history, vacuum, optimize or convert, got '" + action + "'");
        }
        if (retainHours != null && retainHours < 0) {
            throw PipelineException.usage("--retain-hours must be >= 0, got " + retainHours);
        }
        if (limit < 1) {
            throw PipelineException.usage("--limit must be >= 1, got " + limit);
        }
        VacuumRetention retention = action.equals("vacuum")
                ? VacuumRetention.of(retainHours, config.tables().vacuumRetainHours(), force) : null;
        try (SparkSessions.RunSession session = SparkSessions.open("recsys-pipelines table " + action, config)) {
            Map<String, StoreTables.Table> all = StoreTables.of(session.spark(), config);
            List<StoreTables.Table> selected = StoreTables.select(all, table);
            CanonicalStore canonical = new CanonicalStore(session.spark(), Locations.resolve(config.storage().canonical()));
            TableMaintenance maintenance = new TableMaintenance(session.spark(), System.out);
            if (retention != null && retention.overridesSafetyCheck()) {
                refuseWhileRunsWrite(maintenance.liveRuns(canonical), retention);
            }
            for (StoreTables.Table t : selected) {
                switch (action) {
                    case "history" -> maintenance.history(t, limit);
                    case "vacuum" -> maintenance.vacuum(t, retention);
                    case "optimize" -> maintenance.optimize(t);
                    default -> maintenance.convert(t, canonical);
                }
            }
            if (action.equals("vacuum")) {
                maintenance.removeStaleStaging(canonical, retention.hours());
                maintenance.removeOldRejects(canonical, config.tables().rejectsRetainDays());
            }
        }
        return 0;
    }

    /**
     * --force vouches that no run is writing, and a live run's staging record can say otherwise: a
     * retention below Delta's safety interval would delete the files it has written and not yet
     * committed, and its commit would then name files that are gone.
     */
    private static void refuseWhileRunsWrite(List<String> live, VacuumRetention retention) {
        if (!live.isEmpty()) {
            throw new PipelineException(ExitCode.CONFLICT, "table vacuum: not run with " + retention.hours()
                    + " hours retention (--force) while " + live.size() + " run(s) are writing to the canonical store ("
                    + String.join(", ", live) + "): their not yet committed files would be deleted. Nothing was "
                    + "vacuumed; retry when no run is in progress, or vacuum with the default retention now.");
        }
    }
}
