package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything one run reached, as the stages' own typed results: the one source of the JSON run
 * report ({@link Reports#json}) and of the metrics ({@link RunMetrics#render}), which only render
 * it. Immutable; {@link RunReport} collects it as the run goes, so a run that fails midway has a
 * summary of what it reached (the absent parts are null or empty, and the renderings leave them out).
 *
 * @param plan          the run's days, window, kinds and scope; null for a run that ended before planning
 * @param canonicalized the canonicalize stage's newest result: as far as it got when the stage failed
 * @param stored        the store after both stages (tables, days read from the store, missing days); null before
 * @param buildStats    per built day, what the kinds' builders said about it (pairs over a cap, ...)
 * @param volume        per published pair, its volume signals against the trailing week
 * @param decisions     a dry run's decisions; null for a real run
 * @param pairs         every pair's final outcome; null until publishing finished
 * @param outcomes      every (pair, day) outcome handed on, in order: the report's artifacts and published
 * @param sparkJobs     Spark jobs the command started (known at its end; 0 before)
 * @param ending        exit code, error and end time; null while the run is going
 */
public record RunSummary(String runId, String command, Instant startedAt, boolean dryRun, boolean nothingToDo,
                         String database, Plan plan, CanonicalizeStage.Result canonicalized, StoreState.Summary stored,
                         Map<LocalDate, Map<String, Object>> buildStats,
                         Map<TenantSurface, List<VolumeSignals.Signal>> volume,
                         List<ArtifactPublishing.Preview> decisions, List<ArtifactPublishing.PairOutcome> pairs,
                         List<ArtifactPublishing.PairOutcome> outcomes, Map<String, Stage> stages, List<String> warnings,
                         int sparkJobs, Ending ending) {

    /** What the run set out to do. */
    public record Plan(DateWindow days, int windowDays, List<ArtifactKind> kinds, PairFilter scope) {
        public Plan {
            kinds = List.copyOf(kinds);
        }
    }

    /**
     * A timed stage: {@code seconds} as reported (to the millisecond) and its details, which are for
     * people (counts, the log line of each stream) and are read by no code.
     */
    public record Stage(double seconds, Map<String, Object> details) {
    }

    /** How the run ended; {@code error} null on success. */
    public record Ending(int exitCode, String error, Instant finishedAt) {
    }

    /** The day whose artifacts are published (the plan's last day); null without a plan. */
    public LocalDate publishDay() {
        return plan == null ? null : plan.days().end();
    }
}
