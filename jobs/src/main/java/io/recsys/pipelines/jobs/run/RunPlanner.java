package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.time.DateWindow;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns the command line and the checkpoints into a {@link RunPlan}, before any Spark work. */
public final class RunPlanner {
    private RunPlanner() {
    }

    /** Empty when an incremental run has nothing to do. */
    public static Optional<RunPlan> plan(RunOptions options, PipelineConfig config, PublishCheckpoints checkpoints) {
        List<ArtifactKind> kinds = options.kinds() != null ? options.kinds() : config.artifacts().kinds();
        if (kinds.contains(ArtifactKind.CONTENT_SIM) && !config.artifacts().hasCatalog()) {
            throw PipelineException.usage("artifact kind content_sim needs a catalog: set catalog.path "
                    + "(CSV or JSONL with item_id, namespace, tags)");
        }
        if (options.windowDays() < 1) {
            throw PipelineException.usage("--window-days must be >= 1, got " + options.windowDays());
        }
        Map<TenantSurface, LocalDate> done = options.incremental() ? checkpoints.all(options.scope()) : Map.of();
        LocalDate start = options.incremental() ? incrementalStart(options, done.values()) : options.start();
        if (start == null) {
            throw PipelineException.usage("--start or --date is required");
        }
        if (start.isAfter(options.end())) {
            if (options.incremental()) {
                return Optional.empty();
            }
            throw PipelineException.usage("--start " + start + " is after --end " + options.end());
        }
        DateWindow days = new DateWindow(start, options.end());
        int max = config.limits().maxDaysBackfill();
        if (days.dayCount() > max) {
            throw new PipelineException(ExitCode.LIMIT_EXCEEDED, "the run covers " + days.dayCount() + " days ("
                    + days + "), more than limits.max_days_backfill = " + max + "; split it into smaller ranges");
        }
        return Optional.of(new RunPlan(days, options.windowDays(), kinds, done));
    }

    private static LocalDate incrementalStart(RunOptions options, Collection<LocalDate> done) {
        Optional<LocalDate> afterCheckpoints = done.stream().min(LocalDate::compareTo).map(d -> d.plusDays(1));
        if (options.start() != null) {
            return afterCheckpoints.filter(d -> d.isBefore(options.start())).orElse(options.start());
        }
        return afterCheckpoints.orElseThrow(() -> PipelineException.usage("no publish checkpoint for "
                + options.scope() + " yet: the first incremental run needs --start YYYY-MM-DD"));
    }
}
