package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.registry.RunIdentity;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.config.HadoopConfs;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.storage.RoutingObjectStore;
import io.recsys.pipelines.registry.PublishCheckpoints;
import io.recsys.pipelines.registry.RegistryContext;
import io.recsys.pipelines.jobs.run.ReportedRun;
import io.recsys.pipelines.jobs.run.RunOptions;
import io.recsys.pipelines.jobs.run.RunPlan;
import io.recsys.pipelines.jobs.run.RunPlanner;
import io.recsys.pipelines.jobs.run.RunReport;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * DB-only mode end to end, for `db-signals` and `run --mode db`: checks the database before Spark
 * starts (reachable, credentials, the tables, a named tenant), runs {@link DbSignalsPipeline}, prints what was
 * written and writes the run report, on failure too.
 */
public final class DbSignalsJob {
    private DbSignalsJob() {
    }

    /** `run --mode`: db writes the tables, artifacts publishes artifacts. */
    public static boolean isDbMode(String mode) {
        return switch (mode) {
            case "db" -> true;
            case "artifacts" -> false;
            default -> throw PipelineException.usage("--mode must be artifacts or db, got '" + mode + "'");
        };
    }

    /** {@code options} as `run` parses them; the artifact-only flags must be left at their defaults. */
    public static int run(PipelineConfig config, RunOptions options, String command) {
        if (options.incremental() || options.windowDays() != 1 || options.kinds() != null || !options.segment().isEmpty()
                || options.force() || options.dryRun()) {
            throw PipelineException.usage("DB mode writes each day of --date or --start/--end on its own; --incremental, "
                    + "--window-days, --kinds, --segment, --force and --dry-run do not apply to it");
        }
        RunOptions daily = new RunOptions(options.start(), options.end(), false, 1,
                List.of(ArtifactKind.POPULARITY, ArtifactKind.COOC), options.tenant(), options.surface(), "", false, false);
        // Planned as `run` plans (day order, limits.max_days_backfill), before Spark and the database; not
        // incremental, so no checkpoint is read.
        RunPlan plan = RunPlanner.plan(daily, config, new PublishCheckpoints(
                new RoutingObjectStore(HadoopConfs.from(config)), RegistryContext.layout(config))).orElseThrow();
        DbTarget target = DbTarget.of(config.db());
        checkDatabase(target, options.tenant(), config.db().autoCreateTenant());

        Instant startedAt = Instant.now();
        RunReport report = new RunReport(RunIdentity.runId(startedAt), command, startedAt);
        report.database(target.where());
        Location reportPath = Location.of(config.storage().reports()).child("db-signals-" + report.runId() + ".json");
        return ReportedRun.execute(config, "recsys-pipelines " + command, report, reportPath, (spark, hadoopConf) -> {
            DbSignalsPipeline pipeline = new DbSignalsPipeline(spark, config, target, report);
            print(pipeline.execute(plan.days(), daily.scope()), target, System.out);
            pipeline.refusal().ifPresent(failure -> {
                throw failure;
            });
            return 0;
        }, (hadoopConf, exitCode) -> {
        });
    }

    /** Fails in seconds, before any Spark work, on a database the run could not write to. */
    private static void checkDatabase(DbTarget target, String tenant, boolean autoCreate) {
        try (Connection connection = target.connect()) {
            try (Statement s = connection.createStatement()) {
                s.executeQuery("SELECT (SELECT 1 FROM tenants LIMIT 0), (SELECT 1 FROM item_popularity_daily LIMIT 0), "
                        + "(SELECT 1 FROM item_covisit_daily LIMIT 0)").close();
            }
            if (tenant != null && !autoCreate && Tenants.find(connection, tenant).isEmpty()) {
                throw Tenants.missing(target, List.of(tenant));
            }
        } catch (SQLException e) {
            throw DbFailures.of(target, "checking the database before the run", e);
        }
    }

    private static void print(List<DailySignalTables.DayLoad> loads, DbTarget target, PrintStream out) {
        long rows = 0;
        long nanos = 0;
        for (DailySignalTables.DayLoad load : loads) {
            load.rows().forEach((pair, n) -> out.printf("%s %s: %d popularity rows, %d co-visitation rows%n",
                    load.day(), pair, n.popularity(), n.covisits()));
            rows += load.totalRows();
            nanos += load.dbNanos();
        }
        out.printf(Locale.ROOT, "replaced %d day(s) in item_popularity_daily and item_covisit_daily at %s: %d rows, "
                + "%.2fs in the database (%d rows/s)%n", loads.size(), target.where(), rows, nanos / 1e9,
                nanos == 0 ? 0 : Math.round(rows * 1e9 / nanos));
    }
}
