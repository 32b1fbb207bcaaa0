package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.registry.cli.ConfigOptions;
import io.recsys.pipelines.jobs.run.RunOptions;
import io.recsys.pipelines.jobs.db.DbSignalsJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "db-signals", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"DB-only mode (README, section \"DB-only mode\"): canonicalize and aggregate the days as `run` does, then for each "
                + "day and (tenant, surface) replace that day's rows of item_popularity_daily (every item's weighted count, "
                + "up to db.max_items_per_day) and item_covisit_daily (co-visitation counts after min support and the "
                + "neighbour cap) in the service's PostgreSQL (db.url), namespace = surface, one transaction per day.",
                "The same as `run --mode db`. A re-run of a day replaces it: stale rows go, nothing is duplicated."})
public final class DbSignalsCommand implements Callable<Integer> {

    @Mixin
    DayScopeOptions days;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() {
        if (days.date() != null ? days.start() != null || days.end() != null : days.start() == null || days.end() == null) {
            throw PipelineException.usage("say which days: --date D, or --start D1 --end D2");
        }
        io.recsys.pipelines.common.config.PipelineConfig config = configOptions.load();
        days.checkScope(config.identifiers());
        return DbSignalsJob.run(config, new RunOptions(days.first(), days.last(), false, 1, null,
                days.tenant(), days.surface(), "", false, false), "db-signals");
    }
}
