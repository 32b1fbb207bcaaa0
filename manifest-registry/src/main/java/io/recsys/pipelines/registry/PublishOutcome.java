package io.recsys.pipelines.registry;

import java.util.List;

/**
 * The result of a pointer change (publish or rollback): a new history entry, or nothing to do
 * because the artifacts are live. {@code warnings} say what went wrong after the swap without
 * undoing it (e.g. the service's cache could not be invalidated).
 */
public record PublishOutcome(Status status, long seq, Manifest manifest, List<String> warnings) {
    public enum Status { PUBLISHED, UNCHANGED }

    public PublishOutcome {
        warnings = List.copyOf(warnings);
    }

    static PublishOutcome unchanged(HistoryEntry live) {
        return new PublishOutcome(Status.UNCHANGED, live.seq(), live.manifest(), List.of());
    }

    public boolean published() {
        return status == Status.PUBLISHED;
    }
}
