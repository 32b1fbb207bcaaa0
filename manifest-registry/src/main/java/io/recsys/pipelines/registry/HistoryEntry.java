package io.recsys.pipelines.registry;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/**
 * An immutable, numbered change of the current pointer. Entries are created create-only, so the
 * sequence number is the serialization point between concurrent publishers: exactly one of them
 * can create entry N.
 *
 * <p>{@code previousSeq} is the entry that was live before this one, for both actions. A rollback
 * also names the entry whose manifest it restores ({@code rollbackToSeq}) and the versions it
 * rolled away from ({@code rejected}, kind to version), which are marked rejected.
 */
@JsonPropertyOrder({"seq", "action", "previous_seq", "rollback_to_seq", "created_at", "run_id", "who", "reason",
        "forced", "rejected", "manifest", "artifacts", "validation", "lineage"})
public record HistoryEntry(
        long seq,
        String action,
        Long previousSeq,
        Long rollbackToSeq,
        String createdAt,
        String runId,
        String who,
        String reason,
        boolean forced,
        Map<String, String> rejected,
        Manifest manifest,
        Map<String, ArtifactRef> artifacts,
        Map<String, Object> validation,
        Map<String, Object> lineage) {

    public static final String PUBLISH = "publish";
    public static final String ROLLBACK = "rollback";
}
