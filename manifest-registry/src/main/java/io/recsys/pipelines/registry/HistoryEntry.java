package io.recsys.pipelines.registry;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/**
 * An immutable, numbered change of the current pointer. Entries are created create-only, so the
 * sequence number is the serialization point between concurrent publishers: exactly one of them
 * can create entry N.
 */
@JsonPropertyOrder({"seq", "action", "previous_seq", "created_at", "run_id", "who", "reason", "forced",
        "manifest", "artifacts", "validation", "lineage"})
public record HistoryEntry(
        long seq,
        String action,
        Long previousSeq,
        String createdAt,
        String runId,
        String who,
        String reason,
        boolean forced,
        Manifest manifest,
        Map<String, ArtifactRef> artifacts,
        Map<String, Object> validation,
        Map<String, Object> lineage) {

    public static final String PUBLISH = "publish";
    public static final String ROLLBACK = "rollback";
}
