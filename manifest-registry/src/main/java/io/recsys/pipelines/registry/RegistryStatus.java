package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.errors.PipelineException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** The freshness alarm: every pair's manifest age against a maximum (2x the schedule interval is the rule). */
public final class RegistryStatus {
    private RegistryStatus() {
    }

    public static List<PairStatus> of(Registry registry, Instant now, Duration maxAge) {
        return registry.pairs().stream().map(p -> of(registry, p.tenant(), p.surface(), now, maxAge)).toList();
    }

    static PairStatus of(Registry registry, String tenant, String surface, Instant now, Duration maxAge) {
        Optional<HistoryEntry> last = registry.latestEntry(tenant, surface);
        Long lastSeq = last.map(HistoryEntry::seq).orElse(null);
        String lastAction = last.map(HistoryEntry::action).orElse(null);
        String lastAt = last.map(HistoryEntry::createdAt).orElse(null);
        String lastRunId = last.map(HistoryEntry::runId).orElse(null);
        Optional<Manifest> pointer;
        try {
            pointer = registry.pointer(tenant, surface);
        } catch (PipelineException e) {
            return new PairStatus(tenant, surface, null, null, lastSeq, lastAction, lastAt, lastRunId, true,
                    "the pointer is unreadable: " + e.getMessage());
        }
        if (pointer.isEmpty()) {
            return new PairStatus(tenant, surface, null, null, lastSeq, lastAction, lastAt, lastRunId, true,
                    "no live manifest: the service has nothing to read; a publish completes it");
        }
        String updatedAt = pointer.get().updatedAt();
        try {
            Duration age = Duration.between(OffsetDateTime.parse(updatedAt).toInstant(), now);
            return new PairStatus(tenant, surface, updatedAt, age.toSeconds(), lastSeq, lastAction, lastAt, lastRunId,
                    age.compareTo(maxAge) > 0, null);
        } catch (DateTimeParseException e) {
            return new PairStatus(tenant, surface, updatedAt, null, lastSeq, lastAction, lastAt, lastRunId, true,
                    "updated_at is not RFC 3339");
        }
    }
}
