package io.recsys.pipelines.registry;

/**
 * The freshness of one (tenant, surface): the live manifest's {@code updated_at} and age, and the
 * newest history entry. {@code stale} when the age is over the allowed maximum or the service has
 * no readable manifest; {@code note} says why in that second case. Absent values are null.
 */
public record PairStatus(String tenant, String surface, String updatedAt, Long ageSeconds, Long lastSeq,
                         String lastAction, String lastAt, String lastRunId, boolean stale, String note) {
}
