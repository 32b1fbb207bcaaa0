package io.recsys.pipelines.registry;

/**
 * A version a rollback rolled away from: publishing it again is refused unless forced. Stored as a
 * create-only marker (see {@link RegistryLayout#rejected}), so the first rejection is the one kept.
 */
public record RejectedVersion(
        String kind,
        String version,
        String uri,
        long rollbackSeq,
        String rejectedAt,
        String who,
        String reason) {

    /** For refusal messages and gate reports. */
    public String describe() {
        return kind + " version " + version + " was rejected by rollback entry " + rollbackSeq + " (" + who + " at "
                + rejectedAt + ": \"" + reason + "\")";
    }
}
