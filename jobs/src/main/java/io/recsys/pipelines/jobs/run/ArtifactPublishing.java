package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.artifact.Artifact;
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
    private VolumeSignals volumes;

    public ArtifactPublishing(PairPublisher publisher, PublishCheckpoints checkpoints, RunInfo run, boolean force) {
        this.publisher = publisher;
        this.checkpoints = checkpoints;
        this.run = run;
        this.force = force;
    }

    /** Compares each published pair's volume with its trailing week before publishing (VolumeSignals). */
    public void checkVolumes(VolumeSignals signals) {
        this.volumes = signals;
    }

    /** Adds what the run learned after it started (inputs, sizes, window) to every history entry it writes. */
    public void addLineage(String key, Object value) {
        run.lineage().put(key, value);
    }

    public enum Status { PUBLISHED, UNCHANGED, RECORDED, NEWER_LIVE }

    /** What happened to one pair's artifacts of one day. */
    public record PairOutcome(TenantSurface pair, LocalDate day, Status status, long seq,
                              List<PairPublisher.WrittenArtifact> artifacts) {
    }

    public List<PairOutcome> record(Map<TenantSurface, List<Artifact>> artifacts, LocalDate day) {
        List<PairOutcome> outcomes = new ArrayList<>();
        artifacts.forEach((pair, list) -> outcomes.add(new PairOutcome(pair, day, Status.RECORDED, 0,
                publisher.recordOnly(pair.tenant(), pair.surface(), list, run))));
        return outcomes;
    }

    public List<PairOutcome> publish(Map<TenantSurface, List<Artifact>> artifacts, LocalDate day) {
        List<PairOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<TenantSurface, List<Artifact>> e : artifacts.entrySet()) {
            TenantSurface pair = e.getKey();
            Optional<LocalDate> published = checkpoints.lastPublished(pair);
            if (published.isPresent() && published.get().isAfter(day) && !force) {
                outcomes.add(new PairOutcome(pair, day, Status.NEWER_LIVE, 0,
                        publisher.recordOnly(pair.tenant(), pair.surface(), e.getValue(), run)));
                StageTimer.log().warn("[publish] {}: live artifacts are from {}, newer than {}: recorded, not published"
                        + " (--force publishes anyway)", pair, published.get(), day);
                continue;
            }
            RunInfo pairRun = volumes == null ? run : volumes.beforePublish(pair, day, e.getValue(), run, force);
            PairPublisher.Result result = publisher.publish(pair.tenant(), pair.surface(), e.getValue(), pairRun);
            checkpoints.advance(pair, day, run.runId());
            PublishOutcome outcome = result.outcome();
            outcomes.add(new PairOutcome(pair, day, outcome.published() ? Status.PUBLISHED : Status.UNCHANGED,
                    outcome.seq(), result.artifacts()));
            StageTimer.log().info("[publish] {}: {} (history entry {})", pair,
                    outcome.published() ? "published" : "unchanged, already live", outcome.seq());
            // e.g. the service's cache invalidation failed: the publish stands, the operator should know.
            outcome.warnings().forEach(w -> StageTimer.log().warn("[publish] {}: {}", pair, w));
        }
        return outcomes;
    }
}
