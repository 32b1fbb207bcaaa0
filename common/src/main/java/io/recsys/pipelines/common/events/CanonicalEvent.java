package io.recsys.pipelines.common.events;

/**
 * A raw event that passed every rule of contract 1.1/1.2, normalized: ids trimmed, optional ids
 * {@code null} when absent, {@code ts} as UTC epoch microseconds (Spark's timestamp resolution).
 *
 * @param tsMicros  UTC instant of {@code ts}, microseconds since the epoch (fraction truncated)
 * @param sessionId required for exposures, optional for outcomes
 * @param userId    optional
 * @param requestId optional
 * @param rank      exposures only, {@code >= 0}, 0 when absent; 0 for outcomes
 * @param eventType outcomes only, {@link #CLICK} or {@link #CONVERSION}; {@code null} for exposures
 * @param value     outcomes only, {@code null} when absent
 */
public record CanonicalEvent(
        long tsMicros,
        String tenant,
        String surface,
        String sessionId,
        String itemId,
        String userId,
        String requestId,
        int rank,
        String eventType,
        Double value) {

    public static final String CLICK = "click";
    public static final String CONVERSION = "conversion";
}
