package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.time.DateWindow;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a run will do: canonicalize the days of {@link #days}, build and record every kind for
 * each of those days (each artifact covering the {@code windowDays} days ending on it), and publish
 * the last day. In incremental runs, a pair is only recorded and published for days after its
 * checkpoint.
 */
public record RunPlan(DateWindow days, int windowDays, List<ArtifactKind> kinds, Map<TenantSurface, LocalDate> checkpoints) {

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
