package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.registry.PublishCheckpoints;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the command line and the checkpoints into a {@link RunPlan}, before any Spark work.
 *
 * <p>Incremental runs: each pair starts the day after its own checkpoint, the last day it was
 * covered (published, or gone through without events), and the run's days start at the earliest
 * of these. Since every run moves the checkpoint of each pair it went through, a dormant pair is
 * covered along with the others and never holds the start back; only a pair that keeps failing
 * stays behind, and its catch-up costs the days it is behind. A pair further behind than
 * limits.max_days_backfill (a checkpoint from before an upgrade, a pair left out of scoped runs for
 * long) does not stretch the run for every other pair: the run starts at the limit, the pair gets
 * the run's days like the others, and the days it skips are reported. Only when every pair is that
 * far behind does the run stop (exit 4), as an explicit back-fill over the limit does.
 */
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
        int max = config.limits().maxDaysBackfill();
        Map<TenantSurface, LocalDate> known = new TreeMap<>();
        PairFilter scope = options.scope();
        checkpoints.all(scope::matches).forEach((pair, c) -> known.put(pair, c.coveredThrough()));
        Set<TenantSurface> lagging = new TreeSet<>();
        LocalDate start = options.start();
        if (options.incremental()) {
            LocalDate earliest = options.end().minusDays(max - 1L);
            Optional<LocalDate> afterCheckpoints = Optional.empty();
            for (Map.Entry<TenantSurface, LocalDate> e : known.entrySet()) {
                LocalDate next = e.getValue().plusDays(1);
                if (next.isBefore(earliest)) {
                    lagging.add(e.getKey());
                } else if (afterCheckpoints.isEmpty() || next.isBefore(afterCheckpoints.get())) {
                    afterCheckpoints = Optional.of(next);
                }
            }
            if (afterCheckpoints.isEmpty() && options.start() == null) {
                if (!lagging.isEmpty()) {
                    throw new PipelineException(ExitCode.LIMIT_EXCEEDED, "every (tenant, surface) in " + scope
                            + " is more than limits.max_days_backfill = " + max + " days behind " + options.end()
                            + "; back-fill them in ranges of at most " + max + " days (run --start D1 --end D2)");
                }
                throw PipelineException.usage("no publish checkpoint for " + scope
                        + " yet: the first incremental run needs --start YYYY-MM-DD");
            }
            start = options.start() == null ? afterCheckpoints.get()
                    : afterCheckpoints.filter(d -> d.isBefore(options.start())).orElse(options.start());
        }
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
        if (days.dayCount() > max) {
            throw new PipelineException(ExitCode.LIMIT_EXCEEDED, "the run covers " + days.dayCount() + " days ("
                    + days + "), more than limits.max_days_backfill = " + max + "; split it into smaller ranges");
        }
        return Optional.of(new RunPlan(days, options.windowDays(), kinds, options.incremental() ? known : Map.of(),
                known, lagging));
    }
}
