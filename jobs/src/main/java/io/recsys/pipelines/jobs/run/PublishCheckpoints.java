package io.recsys.pipelines.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.ObjectStore;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The last day successfully published per (tenant, surface), for incremental runs:
 * {@code <registry>/checkpoints/<tenant>/<surface>.json}, replaced atomically and never moved
 * backwards (a back-fill of older days leaves a newer checkpoint as it is).
 */
public final class PublishCheckpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectStore store;
    private final Path root;

    public PublishCheckpoints(ObjectStore store, Path registryRoot) {
        this.store = store;
        this.root = new Path(registryRoot, "checkpoints");
    }

    private Path file(TenantSurface pair) {
        return new Path(root, pair.tenant() + "/" + pair.surface() + ".json");
    }

    public Optional<LocalDate> lastPublished(TenantSurface pair) {
        return store.read(file(pair)).map(bytes -> parse(bytes, file(pair)));
    }

    /** Every checkpoint in scope. */
    public Map<TenantSurface, LocalDate> all(PairFilter scope) {
        Map<TenantSurface, LocalDate> out = new TreeMap<>();
        for (String tenant : store.listNames(root)) {
            for (String name : store.listNames(new Path(root, tenant))) {
                if (name.endsWith(".json")) {
                    TenantSurface pair = new TenantSurface(tenant, name.substring(0, name.length() - ".json".length()));
                    if (scope.matches(pair.tenant(), pair.surface())) {
                        lastPublished(pair).ifPresent(day -> out.put(pair, day));
                    }
                }
            }
        }
        return out;
    }

    /** Moves the checkpoint to {@code day} unless it is already there or later. */
    public void advance(TenantSurface pair, LocalDate day, String runId) {
        Optional<LocalDate> current = lastPublished(pair);
        if (current.isPresent() && !current.get().isBefore(day)) {
            return;
        }
        String json = "{\"last_published_day\":\"" + day + "\",\"run_id\":\"" + runId + "\"}\n";
        store.replace(file(pair), json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static LocalDate parse(byte[] bytes, Path path) {
        try {
            JsonNode node = JSON.readTree(bytes);
            return LocalDate.parse(node.path("last_published_day").asText());
        } catch (IOException | RuntimeException e) {
            throw new PipelineException(ExitCode.UNEXPECTED, "checkpoint " + path + " is unreadable (" + e.getMessage()
                    + "); fix or delete it and pass --start");
        }
    }
}
