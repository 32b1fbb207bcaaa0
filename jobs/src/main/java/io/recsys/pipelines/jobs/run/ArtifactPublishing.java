package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.registry.PairPlan;
import io.recsys.pipelines.registry.PairPublisher;
import io.recsys.pipelines.registry.PublishCheckpoints;
import io.recsys.pipelines.registry.PublishOutcome;
import io.recsys.pipelines.registry.RunInfo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The driver side of a run's output, one (tenant, surface) at a time: records the artifacts of
 * back-fill days, publishes the last day per pair and moves that pair's checkpoint. A pair whose
 * live manifest is already from a later day is recorded but not published, unless forced, so a
 * back-fill of old days never swaps newer artifacts out from under the service.
 *
 * <p>Pairs are independent: a refused gate, a conflict or a storage error of one pair is that
 * pair's outcome (its later days are skipped, its checkpoint stays, so the next run retries it),
 * and every other pair still publishes. {@link #failure} then gives the run's exit code: the most
 * severe pair outcome in the order of {@link #SEVERITY}. The map-based methods take any number of
 * pairs per call, one-entry maps included, and keep their state across calls.
 */
public final class ArtifactPublishing {
    /**
     * Most severe first. A bug (1) before everything; then what a retry can fix (7 storage, 6 conflict)
     * before what it cannot (5 refused, 4 lagging): a scheduler that retries on 7 or 6 re-runs, and
     * the re-run (where published pairs are unchanged no-ops) settles on the refusals.
     */
    public static final List<ExitCode> SEVERITY = List.of(ExitCode.UNEXPECTED, ExitCode.STORAGE, ExitCode.CONFLICT,
            ExitCode.GATE_REFUSED, ExitCode.LIMIT_EXCEEDED, ExitCode.INPUT_REJECTED, ExitCode.USAGE);
    private static final int LISTED_FAILURES = 10;

    private final PairPublisher publisher;
    private final PublishCheckpoints checkpoints;
    private final RunInfo run;
    private final boolean force;
    private final Map<TenantSurface, PairOutcome> latest = new TreeMap<>();
    private final Map<TenantSurface, PairOutcome> failed = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();
    private VolumeSignals volumes;
    /** A dry run decides every pair through the same rules ({@link PublishDecision}) and writes nothing. */
    private final boolean dryRun;
    private final List<Preview> previews = new ArrayList<>();

    public ArtifactPublishing(PairPublisher publisher, PublishCheckpoints checkpoints, RunInfo run, boolean force) {
        this(publisher, checkpoints, run, force, false);
    }

    private ArtifactPublishing(PairPublisher publisher, PublishCheckpoints checkpoints, RunInfo run, boolean force,
                               boolean dryRun) {
        this.publisher = publisher;
        this.checkpoints = checkpoints;
        this.run = run;
        this.force = force;
        this.dryRun = dryRun;
    }

    /** `run --dry-run`: the same calls decide the same outcomes; the registry's verdicts are kept for {@link #previews}. */
    public static ArtifactPublishing dryRun(PairPublisher publisher, PublishCheckpoints checkpoints, RunInfo run,
                                            boolean force) {
        return new ArtifactPublishing(publisher, checkpoints, run, force, true);
    }

    /** A dry run's decision for one pair and day, and the registry's verdict behind it (versions, gates). */
    public record Preview(PairOutcome outcome, PairPlan verdict) {
    }

    /** What a dry run decided, in the order of the calls. */
    public List<Preview> previews() {
        return List.copyOf(previews);
    }

    /** Compares each published pair's volume with its trailing week before publishing (VolumeSignals). */
    public void checkVolumes(VolumeSignals signals) {
        this.volumes = signals;
    }

    /**
     * PUBLISHED, UNCHANGED, RECORDED, NEWER_LIVE: the pair's artifacts went where they should.
     * COVERED: the run went through the pair's days and it had nothing to publish (no events), so its
     * checkpoint moved on. FAILED: this pair's error (see {@code exitCode} and {@code error});
     * SKIPPED: an earlier day of the run failed for it. REFUSED: a dry run's verdict that a gate or a
     * rejected version would stop the pair (the real run reports that pair FAILED with exit 5).
     */
    public enum Status { PUBLISHED, UNCHANGED, RECORDED, NEWER_LIVE, COVERED, FAILED, SKIPPED, REFUSED }

    /** What happened to one pair's artifacts of one day. {@code exitCode} is 0 unless the pair failed. */
    public record PairOutcome(TenantSurface pair, LocalDate day, Status status, long seq,
                              List<PairPublisher.WrittenArtifact> artifacts, int exitCode, String error) {
        public PairOutcome(TenantSurface pair, LocalDate day, Status status, long seq,
                           List<PairPublisher.WrittenArtifact> artifacts) {
            this(pair, day, status, seq, artifacts, 0, null);
        }

        public boolean failed() {
            return exitCode != 0;
        }
    }

    public List<PairOutcome> record(Map<TenantSurface, List<Artifact>> artifacts, LocalDate day) {
        List<PairOutcome> outcomes = new ArrayList<>();
        if (dryRun) {
            artifacts.forEach((pair, list) -> outcomes.add(preview(pair, day, list, false)));
            return outcomes;
        }
        artifacts.forEach((pair, list) -> outcomes.add(isolated(pair, day, () -> new PairOutcome(pair, day,
                Status.RECORDED, 0, publisher.recordOnly(pair.tenant(), pair.surface(), list, run)))));
        return outcomes;
    }

    public List<PairOutcome> publish(Map<TenantSurface, List<Artifact>> artifacts, LocalDate day) {
        List<PairOutcome> outcomes = new ArrayList<>();
        if (dryRun) {
            artifacts.forEach((pair, list) -> outcomes.add(preview(pair, day, list, true)));
            return outcomes;
        }
        artifacts.forEach((pair, list) -> outcomes.add(isolated(pair, day, () -> publishPair(pair, list, day))));
        return outcomes;
    }

    private PairOutcome publishPair(TenantSurface pair, List<Artifact> artifacts, LocalDate day) {
        Optional<LocalDate> published = checkpoints.lastPublished(pair.tenant(), pair.surface());
        if (PublishDecision.holdsBack(published, day, force)) {
            PairOutcome outcome = new PairOutcome(pair, day, Status.NEWER_LIVE, 0,
                    publisher.recordOnly(pair.tenant(), pair.surface(), artifacts, run));
            StageTimer.log().warn("[publish] {}: live artifacts are from {}, newer than {}: recorded, not published"
                    + " (--force publishes anyway)", pair, published.get(), day);
            return outcome;
        }
        RunInfo pairRun = volumes == null ? run : volumes.beforePublish(pair, day, artifacts, run, force);
        PairPublisher.Result result = publisher.publish(pair.tenant(), pair.surface(), artifacts, pairRun);
        checkpoints.published(pair.tenant(), pair.surface(), day, run.runId());
        PublishOutcome outcome = result.outcome();
        StageTimer.log().info("[publish] {}: {} (history entry {})", pair,
                outcome.published() ? "published" : "unchanged, already live", outcome.seq());
        // e.g. the service's cache invalidation failed: the publish stands, the operator should know.
        outcome.warnings().forEach(w -> StageTimer.log().warn("[publish] {}: {}", pair, w));
        return new PairOutcome(pair, day, PublishDecision.published(outcome.published()), outcome.seq(),
                result.artifacts());
    }

    /** The dry run's side of {@link #publish} and {@link #record}: the registry's verdict, decided, nothing written. */
    private PairOutcome preview(TenantSurface pair, LocalDate day, List<Artifact> artifacts, boolean publishDay) {
        Optional<LocalDate> lastPublished = checkpoints.lastPublished(pair.tenant(), pair.surface());
        boolean recordOnly = !publishDay || PublishDecision.holdsBack(lastPublished, day, force);
        PairPlan verdict = publisher.plan(pair.tenant(), pair.surface(), artifacts, run, recordOnly);
        Status status = PublishDecision.of(publishDay, lastPublished, day, force, verdict);
        PairOutcome outcome = new PairOutcome(pair, day, status,
                status == Status.UNCHANGED && verdict.liveSeq() != null ? verdict.liveSeq() : 0, List.of());
        previews.add(new Preview(outcome, verdict));
        if (publishDay) {
            StageTimer.log().info("[dry run] {} {}: {} (nothing written)", pair, day,
                    status.name().toLowerCase(Locale.ROOT));
        }
        return outcome;
    }

    /**
     * A pair the run may not publish for a reason found before publishing (over its reject budget):
     * its outcome is that failure, its days are skipped, its checkpoint stays.
     */
    public PairOutcome refuse(TenantSurface pair, LocalDate day, String why) {
        return isolated(pair, day, () -> {
            throw PipelineException.inputRejected(why);
        });
    }

    /** One pair's step; its failure is recorded as its outcome and never reaches the other pairs. */
    private PairOutcome isolated(TenantSurface pair, LocalDate day, java.util.function.Supplier<PairOutcome> step) {
        PairOutcome outcome;
        if (failed.containsKey(pair)) {
            outcome = new PairOutcome(pair, day, Status.SKIPPED, 0, List.of(), failed.get(pair).exitCode(),
                    "skipped: day " + failed.get(pair).day() + " failed for this pair");
        } else {
            try {
                outcome = step.get();
            } catch (RuntimeException e) {
                PipelineException known = PipelineException.find(e);
                ExitCode code = known != null ? known.exitCode() : ExitCode.UNEXPECTED;
                String message = known != null ? known.getMessage() : e.toString();
                if (known == null) {
                    StageTimer.log().error("[publish] " + pair + ": unexpected failure", e);
                } else {
                    StageTimer.log().error("[publish] {}: {} (exit {})", pair, message, code.code());
                }
                outcome = new PairOutcome(pair, day, Status.FAILED, 0, List.of(), code.code(), message);
                failed.put(pair, outcome);
            }
        }
        latest.put(pair, outcome);
        return outcome;
    }

    /**
     * After the last day: every pair in scope the run went through without publishing it or failing
     * (no events on the published day, or none at all) is covered up to that day, so that it never
     * holds back an incremental run. Returns the new outcomes.
     */
    public List<PairOutcome> finish(RunPlan plan) {
        List<PairOutcome> outcomes = new ArrayList<>();
        if (dryRun) {
            return outcomes;
        }
        LocalDate end = plan.days().end();
        for (TenantSurface pair : plan.lagging()) {
            String skipped = plan.known().get(pair).plusDays(1) + ".." + plan.days().start().minusDays(1);
            warnings.add(pair + " was more than limits.max_days_backfill days behind: its days " + skipped + " were not "
                    + "built; back-fill them on their own if their records matter (run --start D1 --end D2 --tenant "
                    + pair.tenant() + " --surface " + pair.surface() + ")");
            StageTimer.log().warn("[publish] {}", warnings.get(warnings.size() - 1));
        }
        TreeSet<TenantSurface> candidates = new TreeSet<>(plan.known().keySet());
        candidates.addAll(latest.keySet());
        for (TenantSurface pair : candidates) {
            PairOutcome last = latest.get(pair);
            boolean done = last != null && (last.failed() || last.status() != Status.RECORDED);
            LocalDate covered = plan.known().get(pair);
            boolean gapless = covered == null || !covered.plusDays(1).isBefore(plan.days().start())
                    || plan.lagging().contains(pair);
            if (done || !gapless || (covered != null && !covered.isBefore(end))) {
                continue;
            }
            PairOutcome outcome = isolated(pair, end, () -> {
                checkpoints.covered(pair.tenant(), pair.surface(), end, run.runId());
                return new PairOutcome(pair, end, Status.COVERED, 0, List.of());
            });
            outcomes.add(outcome);
        }
        try {
            checkpoints.compact(latest.keySet().stream().map(TenantSurface::tenant).toList());
        } catch (PipelineException e) {
            // Old markers only cost a longer listing; the next run compacts again.
            StageTimer.log().warn("[publish] could not prune old checkpoint markers: {}", e.getMessage());
        }
        return outcomes;
    }

    /** What the run report should say besides the outcomes (pairs whose old days were skipped). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public Collection<PairOutcome> outcomes() {
        return latest.values();
    }

    /** The first code of {@link #SEVERITY} among {@code codes}; a code not in it counts as unexpected. */
    public static ExitCode mostSevere(Collection<Integer> codes) {
        if (codes.stream().anyMatch(c -> SEVERITY.stream().noneMatch(s -> s.code() == c))) {
            return ExitCode.UNEXPECTED;
        }
        return SEVERITY.stream().filter(s -> codes.contains(s.code())).findFirst().orElse(ExitCode.OK);
    }

    /** The run's failure when any pair failed: the most severe code, and every failed pair named. */
    public Optional<PipelineException> failure() {
        List<PairOutcome> bad = latest.values().stream().filter(PairOutcome::failed).toList();
        if (bad.isEmpty()) {
            return Optional.empty();
        }
        ExitCode worst = mostSevere(bad.stream().map(PairOutcome::exitCode).toList());
        StringBuilder message = new StringBuilder(bad.size() + " of " + latest.size() + " (tenant, surface) pairs failed"
                + " (every other pair was published or recorded as usual): ");
        for (int i = 0; i < Math.min(LISTED_FAILURES, bad.size()); i++) {
            PairOutcome o = bad.get(i);
            message.append(i == 0 ? "" : "; ").append(o.pair()).append(" exit ").append(o.exitCode()).append(": ")
                    .append(o.error());
        }
        if (bad.size() > LISTED_FAILURES) {
            message.append("; and ").append(bad.size() - LISTED_FAILURES).append(" more (see \"pairs\" in the run report)");
        }
        return Optional.of(new PipelineException(worst, message.toString()));
    }
}
