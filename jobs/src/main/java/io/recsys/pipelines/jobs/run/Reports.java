package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;
import io.recsys.pipelines.jobs.canonicalize.StreamCounts;
import io.recsys.pipelines.jobs.input.ResolvedInput;
import io.recsys.pipelines.registry.ArtifactRef;
import io.recsys.pipelines.registry.PairPlan;
import io.recsys.pipelines.registry.PairPublisher;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link RunSummary} as the run report's JSON tree (snake_case keys, in a fixed order; a
 * part the run never reached is left out), and gives the one-line summaries the log prints.
 */
final class Reports {
    /** Input file names listed in the report; beyond this only the count and bytes. */
    private static final int MAX_LISTED_FILES = 100;
    /** Pairs in the order the report and the metrics list them: by their "tenant/surface" text. */
    static final Comparator<TenantSurface> PAIR_ORDER = Comparator.comparing(TenantSurface::toString);

    private Reports() {
    }

    /** The whole report, keys in the order they always had. */
    static Map<String, Object> json(RunSummary s) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run_id", s.runId());
        root.put("command", s.command());
        root.put("started_at", s.startedAt().toString());
        root.put("status", s.ending() == null ? "running" : s.ending().exitCode() == 0 ? "succeeded" : "failed");
        if (s.dryRun()) {
            root.put("dry_run", true);
        }
        if (s.nothingToDo()) {
            root.put("nothing_to_do", true);
        }
        if (s.database() != null) {
            root.put("database", s.database());
        }
        if (s.plan() != null) {
            Map<String, Object> days = new LinkedHashMap<>();
            days.put("start", s.plan().days().start().toString());
            days.put("end", s.plan().days().end().toString());
            root.put("days", days);
            root.put("window_days", s.plan().windowDays());
            root.put("kinds", s.plan().kinds().stream().map(ArtifactKind::id).toList());
            root.put("scope", s.plan().scope().toString());
        }
        if (s.canonicalized() != null) {
            CanonicalizeStage.Result c = s.canonicalized();
            root.put("inputs", inputs(c));
            root.put("days_canonicalized", StoreState.days(c.days()));
            root.put("events", events(c));
            Map<String, Object> byPair = new LinkedHashMap<>();
            eventsByPair(c).forEach((pair, streams) -> byPair.put(pair.toString(), streams));
            root.put("events_by_pair", byPair);
            root.put("rejected_by_pair", rejectedByPair(c));
            root.put("unattributed_rejected", unattributed(c));
            Map<String, Object> refused = new LinkedHashMap<>();
            c.refused().forEach((pair, why) -> refused.put(pair.toString(), why));
            root.put("pairs_over_reject_budget", refused);
            Map<String, Object> kept = new LinkedHashMap<>();
            c.kept().forEach((pair, days) -> kept.put(pair.toString(), StoreState.days(days)));
            root.put("pairs_kept_not_in_input", kept);
        }
        if (s.stored() != null) {
            root.put("tables", StoreState.render(s.stored().tables()));
            root.put("days_from_store", StoreState.days(s.stored().storedDays()));
            if (!s.stored().missingDays().isEmpty()) {
                root.put("missing_days", StoreState.days(s.stored().missingDays()));
            }
        }
        s.buildStats().forEach((day, stats) -> root.put("build_stats_" + day, stats));
        if (!s.volume().isEmpty()) {
            root.put("volume", volume(s.volume()));
        }
        if (s.decisions() != null) {
            root.put("decisions", s.decisions().stream().map(Reports::decision).toList());
        }
        if (s.pairs() != null) {
            root.put("pairs", s.pairs().stream().map(Reports::pair).toList());
        }
        if (s.ending() != null) {
            root.put("exit_code", s.ending().exitCode());
            if (s.ending().error() != null) {
                root.put("error", s.ending().error());
            }
            root.put("finished_at", s.ending().finishedAt().toString());
            root.put("spark_jobs", s.sparkJobs());
        }
        Map<String, Object> stages = new LinkedHashMap<>();
        s.stages().forEach((name, stage) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seconds", stage.seconds());
            m.putAll(stage.details());
            stages.put(name, m);
        });
        root.put("stages", stages);
        List<Object> artifacts = new ArrayList<>();
        List<Object> published = new ArrayList<>();
        for (ArtifactPublishing.PairOutcome o : s.outcomes()) {
            artifacts.addAll(artifacts(o));
            if (isPublishDecision(o.status())) {
                published.add(published(o));
            }
        }
        root.put("artifacts", artifacts);
        root.put("published", published);
        root.put("warnings", s.warnings());
        return root;
    }

    /** Per stream, where its input came from; the history entry's lineage carries the same. */
    static Map<String, Object> inputs(CanonicalizeStage.Result result) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (Map.Entry<EventType, ResolvedInput> e : result.inputs().entrySet()) {
            ResolvedInput in = e.getValue();
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("pattern", in.pattern());
            input.put("file_count", in.files().size());
            input.put("bytes", in.totalBytes());
            input.put("files", in.files().subList(0, Math.min(MAX_LISTED_FILES, in.files().size())));
            inputs.put(CanonicalizeStage.streamName(e.getKey()), input);
        }
        return inputs;
    }

    /** The counts of every stream read so far, in the inputs' order. */
    private static Map<String, Object> events(CanonicalizeStage.Result result) {
        Map<String, Object> events = new LinkedHashMap<>();
        result.inputs().keySet().forEach(type -> {
            StreamCounts c = result.counts().get(type);
            if (c != null) {
                events.put(CanonicalizeStage.streamName(type), counts(c));
            }
        });
        return events;
    }

    /** Accepted events per pair (in {@link #PAIR_ORDER}) and stream, of every stream read so far. */
    static Map<TenantSurface, Map<String, Long>> eventsByPair(CanonicalizeStage.Result result) {
        Map<TenantSurface, Map<String, Long>> byPair = new TreeMap<>(PAIR_ORDER);
        result.inputs().keySet().forEach(type -> {
            StreamCounts c = result.counts().get(type);
            if (c != null) {
                c.acceptedByPair().forEach((pair, n) -> byPair.computeIfAbsent(pair, k -> new LinkedHashMap<>())
                        .put(CanonicalizeStage.streamName(type), n));
            }
        });
        return byPair;
    }

    /** Per pair and stream: its lines read and rejected, by reason (each pair's own budget). */
    static Map<String, Object> rejectedByPair(CanonicalizeStage.Result result) {
        Map<String, Object> byPair = new java.util.TreeMap<>();
        result.counts().forEach((type, c) -> c.linesByPair().forEach((pair, lines) -> {
            if (lines.rejected() > 0) {
                @SuppressWarnings("unchecked")
                Map<String, Object> streams = (Map<String, Object>) byPair.computeIfAbsent(pair.toString(),
                        p -> new LinkedHashMap<String, Object>());
                Map<String, Object> counts = new LinkedHashMap<>();
                counts.put("lines_read", lines.lines());
                counts.put("rejected", lines.rejected());
                counts.put("rejected_by_reason", lines.rejectedByReason());
                streams.put(CanonicalizeStage.streamName(type), counts);
            }
        }));
        return byPair;
    }

    /** Per stream: rejected lines that name no valid pair, by reason (the run-level budget's). */
    static Map<String, Object> unattributed(CanonicalizeStage.Result result) {
        Map<String, Object> out = new LinkedHashMap<>();
        result.counts().forEach((type, c) -> out.put(CanonicalizeStage.streamName(type), c.unattributedByReason()));
        return out;
    }

    /**
     * Every count the stream reached; they add up: lines_read = rejected + duplicates_dropped +
     * out_of_window_skipped + other_pair_skipped + refused_pair_events + written once written, with
     * accepted (= duplicates + refused + written) in place of the last three before.
     */
    static Map<String, Object> counts(StreamCounts c) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("lines_read", c.linesRead());
        s.put("rejected", c.rejected());
        s.put("rejected_by_reason", c.rejectedByReason());
        s.put("out_of_window_skipped", c.outOfWindow());
        s.put("other_pair_skipped", c.otherPair());
        s.put("accepted", c.accepted());
        if (c.writtenKnown()) {
            s.put("duplicates_dropped", c.duplicatesDropped());
            s.put("refused_pair_events", c.refusedAccepted());
            s.put("written", c.written());
        }
        return s;
    }

    /**
     * Per stream, the log line of what the stage reached (the canonicalize stage's details too). Every
     * line in exactly one bucket, so the parts add up to the lines read (other pairs' events included).
     */
    static Map<String, Object> lines(CanonicalizeStage.Result result, boolean dryRun) {
        Map<String, Object> lines = new LinkedHashMap<>();
        result.inputs().keySet().forEach(type -> {
            StreamCounts c = result.counts().get(type);
            lines.put(CanonicalizeStage.streamName(type), c == null ? "not read yet" : line(c, dryRun));
        });
        return lines;
    }

    /** The log line of a stream, as a sum that adds up to the lines read. */
    static String line(StreamCounts c, boolean dryRun) {
        String head = c.linesRead() + " read = " + c.rejected() + " rejected + ";
        String skipped = c.outOfWindow() + " out of window + " + c.otherPair() + " out of scope + ";
        return c.writtenKnown()
                ? head + c.duplicatesDropped() + " duplicates + " + skipped
                        + (c.refusedAccepted() > 0 ? c.refusedAccepted() + " of pairs over budget + " : "") + c.written()
                        + (dryRun ? " to write (dry run: not written)" : " written")
                : head + skipped + c.accepted() + " accepted (not written)";
    }

    /** Whether an outcome is the publish decision of its pair and day (it is listed under "published"). */
    private static boolean isPublishDecision(ArtifactPublishing.Status status) {
        return status == ArtifactPublishing.Status.PUBLISHED || status == ArtifactPublishing.Status.UNCHANGED
                || status == ArtifactPublishing.Status.NEWER_LIVE;
    }

    private static List<Map<String, Object>> artifacts(ArtifactPublishing.PairOutcome outcome) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PairPublisher.WrittenArtifact w : outcome.artifacts()) {
            ArtifactRef ref = w.ref();
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("day", outcome.day().toString());
            a.put("tenant", outcome.pair().tenant());
            a.put("surface", outcome.pair().surface());
            a.put("kind", ref.kind());
            a.put("version", ref.version());
            a.put("items", ref.items());
            a.put("bytes", ref.bytes());
            a.put("uri", ref.uri());
            a.put("blob_created", w.blobCreated());
            out.add(a);
        }
        return out;
    }

    private static Map<String, Object> published(ArtifactPublishing.PairOutcome outcome) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("day", outcome.day().toString());
        p.put("tenant", outcome.pair().tenant());
        p.put("surface", outcome.pair().surface());
        p.put("status", outcome.status().name().toLowerCase(Locale.ROOT));
        p.put("seq", outcome.seq());
        Map<String, String> versions = new TreeMap<>();
        outcome.artifacts().forEach(w -> versions.put(w.ref().kind(), w.ref().version()));
        p.put("versions", versions);
        return p;
    }

    /** One pair's final outcome. */
    private static Map<String, Object> pair(ArtifactPublishing.PairOutcome o) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tenant", o.pair().tenant());
        p.put("surface", o.pair().surface());
        p.put("day", o.day().toString());
        p.put("status", o.status().name().toLowerCase(Locale.ROOT));
        p.put("exit_code", o.exitCode());
        if (o.seq() > 0) {
            p.put("seq", o.seq());
        }
        if (o.error() != null) {
            p.put("error", o.error());
        }
        return p;
    }

    /** Per pair ("tenant/surface"), per signal key: today, the trailing median, whether it is out of range. */
    private static Map<String, Object> volume(Map<TenantSurface, List<VolumeSignals.Signal>> volume) {
        Map<String, Object> out = new TreeMap<>();
        volume.forEach((pair, signals) -> {
            Map<String, Object> bySignal = new TreeMap<>();
            signals.forEach(sig -> bySignal.put(sig.key(), sig.render()));
            out.put(pair.toString(), bySignal);
        });
        return out;
    }

    /** One pair's dry-run decision, snake_case like the rest of the report. */
    private static Map<String, Object> decision(ArtifactPublishing.Preview p) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("day", p.outcome().day().toString());
        d.put("tenant", p.outcome().pair().tenant());
        d.put("surface", p.outcome().pair().surface());
        d.put("status", p.outcome().status().name().toLowerCase(Locale.ROOT));
        d.put("live_seq", p.verdict().liveSeq());
        d.put("gates_pass", p.verdict().passes());
        List<Map<String, Object>> kinds = new ArrayList<>();
        for (PairPlan.KindPlan k : p.verdict().kinds()) {
            Map<String, Object> kind = new LinkedHashMap<>();
            kind.put("kind", k.kind().id());
            kind.put("live_uri", k.liveUri());
            kind.put("candidate_uri", k.candidateUri());
            kind.put("live_version", k.liveVersion());
            kind.put("candidate_version", k.candidateVersion());
            kind.put("live_items", k.liveItems());
            kind.put("candidate_items", k.candidateItems());
            kind.put("live_bytes", k.liveBytes());
            kind.put("candidate_bytes", k.candidateBytes());
            kind.put("top_changed", k.topChanged());
            kind.put("gates", k.gates());
            kind.put("refusals", k.refusals());
            kinds.add(kind);
        }
        d.put("kinds", kinds);
        return d;
    }
}
