package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.registry.PairPlan;
import io.recsys.pipelines.registry.PairPublisher;
import io.recsys.pipelines.registry.PublishOutcome;
import io.recsys.pipelines.registry.RunInfo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The driver side of a run's output: records the artifacts of back-fill days, publishes the last
 * day per pair and advances that pair's checkpoint. A pair whose live manifest is already from a
 * later day is recorded but not published, unless forced, so a back-fill of old days never swaps
 * newer artifacts out from under the service.
 */
public final class ArtifactPublishing {
    private final PairPublisher publisher;
    private final PublishCheckpoints checkpoints;
    private final RunInfo run;
    private final boolean force;
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

    /** Adds what the run learned after it started (inputs, sizes, window) to every history entry it writes. */
    public void addLineage(String key, Object value) {
        run.lineage().put(key, value);
    }

    /** REFUSED: a gate or a rejected version stops it (a real run then exits 5; only a dry run lists it). */
    public enum Status { PUBLISHED, UNCHANGED, RECORDED, NEWER_LIVE, REFUSED }

    /** What happened to one pair's artifacts of one day. */
    public record PairOutcome(TenantSurface pair, LocalDate day, Status status, long seq,
                              List<PairPublisher.WrittenArtifact> artifacts) {
    }

    public List<PairOutcome> record(Map<TenantSurface, List<Artifact>> artifacts, LocalDate day) {
        List<PairOutcome> outcomes = new ArrayList<>();
        if (dryRun) {
            artifacts.forEach((pair, list) -> outcomes.add(preview(pair, day, list, false, Optional.empty())));
            return outcomes;
        }
        artifacts.forEach((pair, list) -> outcomes.add(new PairOutcome(pair, day, Status.RECORDED, 0,
                publisher.recordOnly(pair.tenant(), pair.surface(), list, run))));
        return outcomes;
    }

    public List<PairOutcome> publish(Map<TenantSurface, List<Artifact>> artifacts, LocalDate day) {
        List<PairOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<TenantSurface, List<Artifact>> e : artifacts.entrySet()) {
            TenantSurface pair = e.getKey();
            Optional<LocalDate> published = checkpoints.lastPublished(pair);
            if (dryRun) {
                outcomes.add(preview(pair, day, e.getValue(), true, published));
                continue;
            }
            if (PublishDecision.holdsBack(published, day, force)) {
                outcomes.add(new PairOutcome(pair, day, Status.NEWER_LIVE, 0,
                        publisher.recordOnly(pair.tenant(), pair.surface(), e.getValue(), run)));
                StageTimer.log().warn("[publish] {}: live artifacts are from {}, newer than {}: recorded, not published"
                        + " (--force publishes anyway)", pair, published.get(), day);
                continue;
            }
            PairPublisher.Result result = publisher.publish(pair.tenant(), pair.surface(), e.getValue(), run);
            checkpoints.advance(pair, day, run.runId());
            PublishOutcome outcome = result.outcome();
            outcomes.add(new PairOutcome(pair, day, PublishDecision.published(outcome.published()), outcome.seq(),
                    result.artifacts()));
            StageTimer.log().info("[publish] {}: {} (history entry {})", pair,
                    outcome.published() ? "published" : "unchanged, already live", outcome.seq());
            // e.g. the service's cache invalidation failed: the publish stands, the operator should know.
            outcome.warnings().forEach(w -> StageTimer.log().warn("[publish] {}: {}", pair, w));
        }
        return outcomes;
    }

    /** The dry run's side of {@link #publish} and {@link #record}: the registry's verdict, decided, nothing written. */
    private PairOutcome preview(TenantSurface pair, LocalDate day, List<Artifact> artifacts, boolean publishDay,
                                Optional<LocalDate> lastPublished) {
        boolean recordOnly = !publishDay || PublishDecision.holdsBack(lastPublished, day, force);
        PairPlan verdict = publisher.plan(pair.tenant(), pair.surface(), artifacts, run, recordOnly);
        Status status = PublishDecision.of(publishDay, lastPublished, day, force, verdict);
        PairOutcome outcome = new PairOutcome(pair, day, status,
                status == Status.UNCHANGED && verdict.liveSeq() != null ? verdict.liveSeq() : 0, List.of());
        previews.add(new Preview(outcome, verdict));
        if (publishDay) {
            StageTimer.log().info("[dry run] {} {}: {} (nothing written)", pair, day,
                    status.name().toLowerCase(java.util.Locale.ROOT));
        }
        return outcome;
    }
}
