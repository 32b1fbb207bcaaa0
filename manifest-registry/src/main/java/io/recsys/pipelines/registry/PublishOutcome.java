package io.recsys.pipelines.registry;

/** The result of a publish: a new history entry, or nothing to do because the artifacts are live. */
public record PublishOutcome(Status status, long seq, Manifest manifest) {
    public enum Status { PUBLISHED, UNCHANGED }

    public boolean published() {
        return status == Status.PUBLISHED;
    }
}
