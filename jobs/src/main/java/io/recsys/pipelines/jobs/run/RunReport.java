package io.recsys.pipelines.jobs.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.recsys.pipelines.common.config.Secrets;
import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.common.storage.Location;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable account of one run (JSON): what was read, rejected, skipped, written and
 * published, and how long each stage took. Written on success and on failure alike.
 */
public final class RunReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final Map<String, Object> stages = new LinkedHashMap<>();
    private final List<Object> artifacts = new ArrayList<>();
    private final List<Object> published = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final String runId;
    private Collection<String> secrets = List.of();

    public RunReport(String runId, String command, Instant startedAt) {
        this.runId = runId;
        root.put("run_id", runId);
        root.put("command", command);
        root.put("started_at", startedAt.toString());
        root.put("status", "running");
    }

    public String runId() {
        return runId;
    }

    /** A dry run's report (written only on request): counts are of what would be written. */
    public void markDryRun() {
        root.put("dry_run", true);
    }

    public boolean isDryRun() {
        return Boolean.TRUE.equals(root.get("dry_run"));
    }

    public void put(String key, Object value) {
        root.put(key, value);
    }

    public void stage(String name, double seconds, Map<String, Object> details) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("seconds", Math.round(seconds * 1000) / 1000.0);
        stage.putAll(details);
        stages.put(name, stage);
    }

    public void artifact(Map<String, Object> artifact) {
        artifacts.add(artifact);
    }

    public void published(Map<String, Object> outcome) {
        published.add(outcome);
    }

    public void warning(String message) {
        warnings.add(message);
    }

    public void finish(int exitCode, String error, Instant finishedAt) {
        root.put("status", exitCode == 0 ? "succeeded" : "failed");
        root.put("exit_code", exitCode);
        if (error != null) {
            root.put("error", error);
        }
        root.put("finished_at", finishedAt.toString());
    }

    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>(root);
        out.put("stages", stages);
        out.put("artifacts", artifacts);
        out.put("published", published);
        out.put("warnings", warnings);
        return out;
    }

    /** Secret values of the run's configuration, cut out of every string of the report (errors may quote anything). */
    public void redacting(Collection<String> secretValues) {
        this.secrets = List.copyOf(secretValues);
    }

    public byte[] toBytes() {
        try {
            return MAPPER.writeValueAsBytes(Secrets.redactDeep(asMap(), secrets));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(ObjectStore store, Location path) {
        store.createOrReplace(path, toBytes());
    }
}
