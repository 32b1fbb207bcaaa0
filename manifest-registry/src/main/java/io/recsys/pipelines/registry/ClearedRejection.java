package io.recsys.pipelines.registry;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The append-only record of a rejected-version marker that was lifted: the marker as it was, and
 * who lifted it, when, why and how: {@code manifest rejected clear}, or the publish or rollback
 * (history entry {@code seq}) that made the version live again. Markers are removed only after
 * their record exists, so every lifted rejection can be found again (`manifest rejected list`).
 */
@JsonPropertyOrder({"kind", "version", "rejection", "cleared_at", "who", "reason", "action", "seq"})
public record ClearedRejection(
        String kind,
        String version,
        RejectedVersion rejection,
        String clearedAt,
        String who,
        String reason,
        String action,
        Long seq) {

    /** {@code manifest rejected clear}. */
    public static final String CLEAR = "clear";

    public String describe() {
        String how = CLEAR.equals(action) ? "`manifest rejected clear`" : action + " entry " + seq + " made it live again";
        return kind + " " + version + " (rejected by rollback entry " + rejection.rollbackSeq() + "): cleared at "
                + clearedAt + " by " + who + ", " + how + (reason == null ? "" : ": \"" + reason + "\"");
    }
}
