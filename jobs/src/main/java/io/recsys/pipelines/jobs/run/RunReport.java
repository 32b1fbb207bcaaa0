package io.recsys.pipelines.jobs.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.recsys.pipelines.common.text.Secrets;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account of one run as it goes: each stage hands in its typed result when it ends (or what it
 * reached when it fails), and {@link #summary} is the immutable {@link RunSummary} of it so far. The
 * machine-readable report (JSON: what was read, rejected, skipped, written and published, and how
 * long each stage took) is written from that summary, on success and on failure alike.
 */
public final class RunReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String runId;
    private final String command;
    private final Instant startedAt;
    private boolean dryRun;
    private boolean nothingToDo;
    private String database;
    private RunSummary.Plan plan;
    private CanonicalizeStage.Result canonicalized;
    private StoreState.Summary stored;
    private final Map<LocalDate, Map<String, Object>> buildStats = new LinkedHashMap<>();
    private final Map<TenantSurface, List<VolumeSignals.Signal>> volume = new LinkedHashMap<>();
    private List<ArtifactPublishing.Preview> decisions;
    private List<ArtifactPublishing.PairOutcome> pairs;
    private final List<ArtifactPublishing.PairOutcome> outcomes = new ArrayList<>();
    private final Map<String, RunSummary.Stage> stages = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private int sparkJobs;
    private RunSummary.Ending ending;
    private Collection<String> secrets = List.of();

    public RunReport(String runId, String command, Instant startedAt) {
        this.runId = runId;
        this.command = command;
        this.startedAt = startedAt;
    }

    public String runId() {
        return runId;
    }

    /** A dry run's report (written only on request): counts are of what would be written. */
    public synchronized void markDryRun() {
        dryRun = true;
    }

    public synchronized boolean isDryRun() {
        return dryRun;
    }

    /** An incremental run whose pairs were all published up to its end: it ran nothing. */
    public synchronized void nothingToDo() {
        nothingToDo = true;
    }

    /** DB mode: where the signals went (no secrets: host, port, database). */
    public synchronized void database(String where) {
        database = where;
    }

    public synchronized void plan(RunSummary.Plan plan) {
        this.plan = plan;
    }

    /** The canonicalize stage's newest result; called as the stage goes, so a failure keeps what it reached. */
    public synchronized void canonicalized(CanonicalizeStage.Result result) {
        this.canonicalized = result;
    }

    public synchronized void stored(StoreState.Summary stored) {
        this.stored = stored;
    }

    public synchronized void buildStats(LocalDate day, Map<String, Object> stats) {
        buildStats.put(day, Collections.unmodifiableMap(new LinkedHashMap<>(stats)));
    }

    public synchronized void volume(TenantSurface pair, List<VolumeSignals.Signal> signals) {
        volume.put(pair, List.copyOf(signals));
    }

    public synchronized void decisions(List<ArtifactPublishing.Preview> previews) {
        decisions = List.copyOf(previews);
    }

    /** Every pair's final outcome, once publishing finished. */
    public synchronized void pairs(Collection<ArtifactPublishing.PairOutcome> finalOutcomes) {
        pairs = List.copyOf(finalOutcomes);
    }

    /** One (pair, day) outcome of the build's hand-on: its artifacts, and for a live day what was published. */
    public synchronized void outcome(ArtifactPublishing.PairOutcome outcome) {
        outcomes.add(outcome);
    }

    public synchronized void stage(String name, double seconds, Map<String, Object> details) {
        stages.put(name, new RunSummary.Stage(Math.round(seconds * 1000) / 1000.0,
                Collections.unmodifiableMap(new LinkedHashMap<>(details))));
    }

    public synchronized void warning(String message) {
        warnings.add(message);
    }

    public synchronized void sparkJobs(int jobs) {
        sparkJobs = jobs;
    }

    public synchronized void finish(int exitCode, String error, Instant finishedAt) {
        ending = new RunSummary.Ending(exitCode, error, finishedAt);
    }

    /** What the run reached so far, as an immutable value. */
    public synchronized RunSummary summary() {
        return new RunSummary(runId, command, startedAt, dryRun, nothingToDo, database, plan, canonicalized, stored,
                Collections.unmodifiableMap(new LinkedHashMap<>(buildStats)),
                Collections.unmodifiableMap(new LinkedHashMap<>(volume)), decisions, pairs, List.copyOf(outcomes),
                Collections.unmodifiableMap(new LinkedHashMap<>(stages)), List.copyOf(warnings), sparkJobs, ending);
    }

    /** Secret values of the run's configuration, cut out of every string of the report (errors may quote anything). */
    public synchronized void redacting(Collection<String> secretValues) {
        this.secrets = List.copyOf(secretValues);
    }

    public byte[] toBytes() {
        Collection<String> redacted;
        synchronized (this) {
            redacted = secrets;
        }
        try {
            return MAPPER.writeValueAsBytes(Secrets.redactDeep(Reports.json(summary()), redacted));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(ObjectStore store, Location path) {
        store.createOrReplace(path, toBytes());
    }
}
