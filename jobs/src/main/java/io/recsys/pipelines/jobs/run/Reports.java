package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;
import io.recsys.pipelines.jobs.canonicalize.StreamCounts;
import io.recsys.pipelines.jobs.input.ResolvedInput;
import io.recsys.pipelines.registry.ArtifactRef;
import io.recsys.pipelines.registry.PairPublisher;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Puts stage results into the run report, and returns the one-line summaries the log prints. */
final class Reports {
    /** Input file names listed in the report; beyond this only the count and bytes. */
    private static final int MAX_LISTED_FILES = 100;

    private Reports() {
    }

    static Map<String, Object> describe(CanonicalizeStage.Result result, RunReport report) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        Map<String, Object> events = new LinkedHashMap<>();
        Map<String, Map<String, Long>> byPair = new TreeMap<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Map.Entry<EventType, ResolvedInput> e : result.inputs().entrySet()) {
            String stream = CanonicalizeStage.streamName(e.getKey());
            ResolvedInput in = e.getValue();
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("pattern", in.pattern());
            input.put("file_count", in.files().size());
            input.put("bytes", in.totalBytes());
            input.put("files", in.files().subList(0, Math.min(MAX_LISTED_FILES, in.files().size())));
            inputs.put(stream, input);
            StreamCounts c = result.counts().get(e.getKey());
            if (c == null) {
                summary.put(stream, "not read yet");
                continue;
            }
            events.put(stream, counts(c));
            c.acceptedByPair().forEach((pair, n) -> byPair.computeIfAbsent(pair.toString(), k -> new LinkedHashMap<>())
                    .put(stream, n));
            // Every line in exactly one bucket, so the parts add up to the lines read (other pairs' events included).
            summary.put(stream, line(c, report.isDryRun()));
        }
        report.put("inputs", inputs);
        report.put("days_canonicalized", result.days().stream().map(LocalDate::toString).toList());
        report.put("events", events);
        report.put("events_by_pair", byPair);
        return summary;
    }

    /**
     * Every count the stream reached; they add up: lines_read = rejected + duplicates_dropped +
     * out_of_window_skipped + other_pair_skipped + written once written, with accepted (= duplicates +
     * written) in place of the last two before.
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
            s.put("written", c.written());
        }
        return s;
    }

    /** The log line of a stream, as a sum that adds up to the lines read. */
    static String line(StreamCounts c, boolean dryRun) {
        String head = c.linesRead() + " read = " + c.rejected() + " rejected + ";
        String skipped = c.outOfWindow() + " out of window + " + c.otherPair() + " out of scope + ";
        return c.writtenKnown()
                ? head + c.duplicatesDropped() + " duplicates + " + skipped + c.written()
                        + (dryRun ? " to write (dry run: not written)" : " written")
                : head + skipped + c.accepted() + " accepted (not written)";
    }

    static void artifacts(ArtifactPublishing.PairOutcome outcome, LocalDate day, RunReport report) {
        for (PairPublisher.WrittenArtifact w : outcome.artifacts()) {
            ArtifactRef ref = w.ref();
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("day", day.toString());
            a.put("tenant", outcome.pair().tenant());
            a.put("surface", outcome.pair().surface());
            a.put("kind", ref.kind());
            a.put("version", ref.version());
            a.put("items", ref.items());
            a.put("bytes", ref.bytes());
            a.put("uri", ref.uri());
            a.put("blob_created", w.blobCreated());
            report.artifact(a);
        }
        if (outcome.status() == ArtifactPublishing.Status.PUBLISHED || outcome.status() == ArtifactPublishing.Status.UNCHANGED
                || outcome.status() == ArtifactPublishing.Status.NEWER_LIVE) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("day", day.toString());
            p.put("tenant", outcome.pair().tenant());
            p.put("surface", outcome.pair().surface());
            p.put("status", outcome.status().name().toLowerCase(java.util.Locale.ROOT));
            p.put("seq", outcome.seq());
            p.put("versions", versions(outcome.artifacts()));
            report.published(p);
        }
    }

    private static Map<String, String> versions(List<PairPublisher.WrittenArtifact> artifacts) {
        Map<String, String> versions = new TreeMap<>();
        artifacts.forEach(w -> versions.put(w.ref().kind(), w.ref().version()));
        return versions;
    }
}
