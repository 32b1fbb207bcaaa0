package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.registry.PairPlan;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What a run does with one pair's artifacts of one day, as a pure function of what it knows: the
 * pair's last published day (checkpoint), --force, and the registry's verdict on the artifacts
 * (the publish gates, rejected versions, whether anything differs from the live manifest). A real
 * run and a dry run decide through these same functions, so a dry run cannot promise what the real
 * run would refuse: the real run checks {@link #holdsBack} before it publishes and lets the
 * registry apply the gates; a dry run asks the registry for the same verdict without writing
 * ({@link PairPlan}) and passes it to {@link #of}.
 */
public final class PublishDecision {
    private PublishDecision() {
    }

    /**
     * The later-day rule: a pair whose live artifacts are from a later day is recorded, not
     * published (unless forced), so a back-fill of old days never swaps newer artifacts out.
     */
    public static boolean holdsBack(Optional<LocalDate> lastPublished, LocalDate day, boolean force) {
        return lastPublished.isPresent() && lastPublished.get().isAfter(day) && !force;
    }

    /** The outcome of the registry's publish: a new history entry, or the same manifest already live. */
    public static ArtifactPublishing.Status published(boolean newEntry) {
        return newEntry ? ArtifactPublishing.Status.PUBLISHED : ArtifactPublishing.Status.UNCHANGED;
    }

    /**
     * Every rule in the order the real run meets them: earlier days are only recorded (their
     * integrity gates still apply), then the later-day rule, then the gates (a refusal stops the
     * real run with exit 5), then unchanged or published.
     */
    public static ArtifactPublishing.Status of(boolean publishDay, Optional<LocalDate> lastPublished, LocalDate day,
                                               boolean force, PairPlan verdict) {
        if (!publishDay || holdsBack(lastPublished, day, force)) {
            return !verdict.passes() ? ArtifactPublishing.Status.REFUSED
                    : publishDay ? ArtifactPublishing.Status.NEWER_LIVE : ArtifactPublishing.Status.RECORDED;
        }
        if (!verdict.passes()) {
            return ArtifactPublishing.Status.REFUSED;
        }
        return published(verdict.changes());
    }
}
