package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.time.DateWindow;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run will do: canonicalize the days of {@link #days}, build and record every kind for
 * each of those days (each artifact covering the {@code windowDays} days ending on it), and publish
 * the last day. In incremental runs each pair starts after its own checkpoint ({@code checkpoints}:
 * the last day covered per pair); a pair further behind than limits.max_days_backfill
 * ({@code lagging}) does not stretch the run: it gets the run's days, and its older ones are
 * reported as skipped. {@code known} is every checkpoint in scope (incremental or not), for moving
 * idle pairs on.
 */
public record RunPlan(DateWindow days, int windowDays, List<ArtifactKind> kinds, Map<TenantSurface, LocalDate> checkpoints,
                      Map<TenantSurface, LocalDate> known, Set<TenantSurface> lagging) {

    public RunPlan(DateWindow days, int windowDays, List<ArtifactKind> kinds, Map<TenantSurface, LocalDate> checkpoints) {
        this(days, windowDays, kinds, checkpoints, checkpoints, Set.of());
    }

    public LocalDate publishDay() {
        return days.end();
    }

    /** Whether this run should record/publish {@code day} for {@code pair}. */
    public boolean wants(TenantSurface pair, LocalDate day) {
        LocalDate done = checkpoints.get(pair);
        return done == null || day.isAfter(done);
    }

    public DateWindow artifactWindow(LocalDate day) {
        return DateWindow.endingOn(day, windowDays);
    }
}
