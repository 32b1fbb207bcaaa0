package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.registry.cli.ConfigOptions;
import io.recsys.pipelines.jobs.run.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.concurrent.Callable;

@Command(name = "db-signals", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"DB-only mode (docs/db-mode.md): canonicalize and aggregate the days as `run` does, then for each "
                + "day and (tenant, surface) replace that day's rows of item_popularity_daily (every item's weighted count, "
                + "up to db.max_items_per_day) and item_covisit_daily (co-visitation counts after min support and the "
                + "neighbour cap) in the service's PostgreSQL (db.url), namespace = surface, one transaction per day.",
                "The same as `run --mode db`. A re-run of a day replaces it: stale rows go, nothing is duplicated."})
public final class DbSignalsCommand implements Callable<Integer> {

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The UTC day to write (same as --start D --end D).")
    LocalDate date;

    @Option(names = "--start", paramLabel = "YYYY-MM-DD", description = "First day of a range (with --end).")
    LocalDate start;

    @Option(names = "--end", paramLabel = "YYYY-MM-DD", description = "Last day of a range (with --start).")
    LocalDate end;

    @Option(names = "--tenant", paramLabel = "T", description = "Only this tenant (default: every tenant in the data).")
    String tenant;

    @Option(names = "--surface", paramLabel = "S", description = "Only this surface (default: every surface in the data).")
    String surface;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() {
        if (date != null ? start != null || end != null : start == null || end == null) {
            throw PipelineException.usage("say which days: --date D, or --start D1 --end D2");
        }
        LocalDate first = date != null ? date : start;
        LocalDate last = date != null ? date : end;
        return DbSignalsJob.run(configOptions.load(),
                new RunOptions(first, last, false, 1, null, tenant, surface, "", false, false), "db-signals");
    }
}
