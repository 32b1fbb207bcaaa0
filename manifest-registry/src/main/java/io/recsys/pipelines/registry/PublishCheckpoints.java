package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.pair.TenantSurface;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.common.storage.Location;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * How far each (tenant, surface) is, for incremental runs: the last day published, and the last day
 * a run covered (published it, or found no events for the pair that day). Kept as create-only day
 * markers, {@code <registry>/checkpoints/<tenant>/<surface>@<day>.<published|covered>.json}: a
 * checkpoint is the newest marker, so two concurrent runs can only ever add markers and the
 * checkpoint only moves forward (no read-then-write, no compare-and-swap needed). {@link #compact}
 * prunes older markers, never the newest ones. The single {@code <surface>.json} file of earlier
 * versions is still read, so their checkpoints carry over.
 */
public final class PublishCheckpoints {
    public static final String PUBLISHED = "published";
    public static final String COVERED = "covered";
    /** Markers kept per pair and kind: the newest matters, a few more cost nothing and help an operator. */
    private static final int KEEP = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final RegistryLayout layout;

    public PublishCheckpoints(ObjectStore store, RegistryLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    /**
     * {@code lastPublished}: null when the pair was never published through a checkpoint.
     * {@code coveredThrough}: every day up to it is done for this pair (published or without events).
     */
    public record Checkpoint(LocalDate lastPublished, LocalDate coveredThrough) {
        Checkpoint merge(Checkpoint other) {
            return new Checkpoint(max(lastPublished, other.lastPublished), max(coveredThrough, other.coveredThrough));
        }

        private static LocalDate max(LocalDate a, LocalDate b) {
            return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
        }
    }

    public Optional<LocalDate> lastPublished(String tenant, String surface) {
        return read(tenant, surface).map(Checkpoint::lastPublished);
    }

    public Optional<Checkpoint> read(String tenant, String surface) {
        return Optional.ofNullable(readTenant(tenant).get(surface));
    }

    /** Every checkpoint whose pair {@code scope} accepts; folders that are not valid identifiers are skipped. */
    public Map<TenantSurface, Checkpoint> all(BiPredicate<String, String> scope) {
        Map<TenantSurface, Checkpoint> out = new TreeMap<>();
        for (String tenant : store.listNames(layout.checkpointsRoot())) {
            if (!layout.identifiers().isValid(tenant)) {
                continue;
            }
            readTenant(tenant).forEach((surface, checkpoint) -> {
                if (scope.test(tenant, surface)) {
                    out.put(new TenantSurface(tenant, surface), checkpoint);
                }
            });
        }
        return out;
    }

    /** The pair's artifacts of {@code day} are live (or were already): its checkpoint is at least {@code day}. */
    public void published(String tenant, String surface, LocalDate day, String runId) {
        mark(tenant, surface, day, PUBLISHED, runId);
    }

    /** The run went through {@code day} and the pair had nothing to publish: it need not be looked at again. */
    public void covered(String tenant, String surface, LocalDate day, String runId) {
        mark(tenant, surface, day, COVERED, runId);
    }

    private void mark(String tenant, String surface, LocalDate day, String kind, String runId) {
        com.fasterxml.jackson.databind.node.ObjectNode json = JSON.createObjectNode().put("day", day.toString())
                .put(kind, true).put("run_id", runId);
        store.create(layout.checkpointMarker(tenant, surface, day, kind),
                (json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Deletes all but the newest {@link #KEEP} markers of each surface and kind of these tenants, one
     * listing per tenant. The newest marker, the checkpoint, always stays, so a concurrent run that
     * compacts too can only delete markers older than the checkpoint.
     */
    public void compact(Collection<String> tenants) {
        for (String tenant : new TreeSet<>(tenants)) {
            Map<String, List<LocalDate>> days = new TreeMap<>();
            for (String name : store.listNames(layout.checkpointsFolder(tenant))) {
                Marker m = Marker.parse(name);
                if (m != null && layout.identifiers().isValid(m.surface())) {
                    days.computeIfAbsent(m.surface() + "@" + m.kind(), k -> new ArrayList<>()).add(m.day());
                }
            }
            days.forEach((key, list) -> {
                String surface = key.substring(0, key.indexOf('@'));
                String kind = key.substring(key.indexOf('@') + 1);
                list.sort(null);
                for (LocalDate old : list.subList(0, Math.max(0, list.size() - KEEP))) {
                    store.delete(layout.checkpointMarker(tenant, surface, old, kind));
                }
            });
        }
    }

    /** One listing of the tenant's folder gives every surface's markers. */
    private Map<String, Checkpoint> readTenant(String tenant) {
        Map<String, Checkpoint> bySurface = new TreeMap<>();
        for (String name : store.listNames(layout.checkpointsFolder(tenant))) {
            Marker m = Marker.parse(name);
            if (m != null && layout.identifiers().isValid(m.surface())) {
                Checkpoint c = new Checkpoint(m.kind().equals(PUBLISHED) ? m.day() : null, m.day());
                bySurface.merge(m.surface(), c, Checkpoint::merge);
            } else if (m == null && name.endsWith(".json") && name.indexOf('@') < 0) {
                String surface = name.substring(0, name.length() - ".json".length());
                if (layout.identifiers().isValid(surface)) {
                    LocalDate day = legacy(layout.legacyCheckpoint(tenant, surface));
                    if (day != null) {
                        bySurface.merge(surface, new Checkpoint(day, day), Checkpoint::merge);
                    }
                }
            }
        }
        return bySurface;
    }

    private LocalDate legacy(Location path) {
        Optional<byte[]> bytes = store.read(path);
        if (bytes.isEmpty()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(bytes.get());
            return LocalDate.parse(node.path("last_published_day").asText());
        } catch (IOException | RuntimeException e) {
            throw new PipelineException(ExitCode.UNEXPECTED, "checkpoint " + path + " is unreadable (" + e.getMessage()
                    + "); fix or delete it and pass --start");
        }
    }

    /** {@code <surface>@<day>.<kind>.json}; null for any other name. */
    private record Marker(String surface, LocalDate day, String kind) {
        static Marker parse(String name) {
            int at = name.indexOf('@');
            if (at <= 0 || !name.endsWith(".json")) {
                return null;
            }
            String rest = name.substring(at + 1, name.length() - ".json".length());
            int dot = rest.indexOf('.');
            if (dot < 0) {
                return null;
            }
            String kind = rest.substring(dot + 1);
            if (!kind.equals(PUBLISHED) && !kind.equals(COVERED)) {
                return null;
            }
            try {
                return new Marker(name.substring(0, at), LocalDate.parse(rest.substring(0, dot)), kind);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
