package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.artifact.ArtifactHeader;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ArtifactWindow;
import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.artifact.PopularityPayload;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.common.storage.ObjectStores;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.aggregate.AggregateStage;
import io.recsys.pipelines.jobs.build.PopularityBuilder;
import io.recsys.pipelines.jobs.canonicalize.CanonicalStore;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;
import io.recsys.pipelines.jobs.canonicalize.StreamCounts;
import io.recsys.pipelines.jobs.input.ResolvedInput;
import io.recsys.pipelines.registry.ArtifactRef;
import io.recsys.pipelines.registry.PairPublisher;
import io.recsys.pipelines.registry.PublishGates;
import io.recsys.pipelines.registry.Registry;
import io.recsys.pipelines.registry.RunInfo;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The daily pipeline for one window in one SparkSession: canonicalize, aggregate, build, publish.
 * Every (tenant, surface) in scope is handled by the same Spark jobs; only publishing, which is a
 * handful of small object writes per pair, loops on the driver.
 */
public final class RunPipeline {
    private final SparkSession spark;
    private final PipelineConfig config;
    private final RunOptions options;
    private final RunReport report;
    private final RunInfo runInfo;
    private final StageTimer timer;

    public RunPipeline(SparkSession spark, PipelineConfig config, RunOptions options, RunReport report, RunInfo runInfo) {
        this.spark = spark;
        this.config = config;
        this.options = options;
        this.report = report;
        this.runInfo = runInfo;
        this.timer = new StageTimer(report);
    }

    /** What went live per pair, in pair order, with the popularity lists that were built. */
    public record Result(List<PairPublisher.Result> published, Map<TenantSurface, List<ItemCount>> popularity) {
    }

    public Result execute() {
        DateWindow window = DateWindow.ofDay(options.date());
        PairFilter scope = options.scope();
        report.put("window", Map.of("start", window.start().toString(), "end", window.end().toString()));
        report.put("scope", scope.toString());
        CanonicalStore canonical = new CanonicalStore(spark, Locations.resolve(config.storage().canonical()));

        CanonicalizeStage.Result canonicalized = timer.time("canonicalize",
                () -> new CanonicalizeStage(spark, config, canonical).run(window, scope), this::describe);
        AggregateStage aggregate = new AggregateStage(spark, canonical, Locations.resolve(config.storage().aggregates()));
        timer.time("aggregate", () -> {
            aggregate.run(window, scope, canonicalized);
            return window;
        }, w -> Map.of("days", w.dayCount()));

        Set<TenantSurface> pairs = canonicalized.exposures().pairs();
        Map<TenantSurface, List<ItemCount>> popularity = timer.time("build",
                () -> PopularityBuilder.collect(PopularityBuilder.topN(aggregate.table().readWindow(window, scope),
                        config.popularityWeights(), config.limits().maxItemsPerArtifact())),
                top -> Map.of("kinds", List.of("popularity"), "pairs", pairs.size()));

        List<PairPublisher.Result> published = timer.time("publish", () -> publish(pairs, popularity, window),
                results -> Map.of("pairs", results.size()));
        return new Result(published, popularity);
    }

    private List<PairPublisher.Result> publish(Set<TenantSurface> pairs, Map<TenantSurface, List<ItemCount>> popularity,
                                               DateWindow window) {
        Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
        Path objectRoot = Locations.resolve(config.storage().objectstore());
        Path registryRoot = Locations.resolve(config.storage().registry());
        ObjectStore blobs = ObjectStores.forLocation(objectRoot, hadoopConf);
        Registry registry = new Registry(ObjectStores.forLocation(registryRoot, hadoopConf), registryRoot);
        PublishGates gates = new PublishGates(config.publishGates().maxArtifactBytes(), config.publishGates().minItems(),
                config.publishGates().maxDropRatio(), options.force());
        PairPublisher publisher = new PairPublisher(blobs, objectRoot, registry, gates);
        ArtifactWindow artifactWindow = new ArtifactWindow(window.startInstant(), window.endExclusiveInstant());

        List<PairPublisher.Result> results = new ArrayList<>();
        for (TenantSurface pair : pairs) {
            Artifact artifact = new Artifact(
                    new ArtifactHeader(ArtifactKind.POPULARITY, pair.tenant(), pair.surface(), options.segment(), artifactWindow),
                    new PopularityPayload(popularity.getOrDefault(pair, List.of())));
            PairPublisher.Result result = publisher.publish(pair.tenant(), pair.surface(), List.of(artifact), runInfo);
            record(result);
            results.add(result);
        }
        return results;
    }

    private void record(PairPublisher.Result result) {
        for (PairPublisher.WrittenArtifact w : result.artifacts()) {
            ArtifactRef ref = w.ref();
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("tenant", result.tenant());
            a.put("surface", result.surface());
            a.put("kind", ref.kind());
            a.put("version", ref.version());
            a.put("items", ref.items());
            a.put("bytes", ref.bytes());
            a.put("uri", ref.uri());
            a.put("blob_created", w.blobCreated());
            report.artifact(a);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tenant", result.tenant());
        p.put("surface", result.surface());
        p.put("status", result.outcome().published() ? "published" : "unchanged");
        p.put("seq", result.outcome().seq());
        p.put("manifest", result.outcome().manifest().current());
        report.published(p);
        StageTimer.log().info("[publish] {}/{}: {} (history entry {})", result.tenant(), result.surface(),
                result.outcome().published() ? "published" : "unchanged, already live", result.outcome().seq());
    }

    private Map<String, Object> describe(CanonicalizeStage.Result result) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        Map<String, Object> events = new LinkedHashMap<>();
        Map<String, Map<String, Long>> byPair = new java.util.TreeMap<>();
        for (Map.Entry<EventType, ResolvedInput> e : result.inputs().entrySet()) {
            String stream = CanonicalizeStage.streamName(e.getKey());
            ResolvedInput in = e.getValue();
            inputs.put(stream, Map.of("pattern", in.pattern(), "files", in.files(), "bytes", in.totalBytes()));
            StreamCounts c = result.counts().get(e.getKey());
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("lines_read", c.linesRead());
            s.put("rejected", c.rejected());
            s.put("rejected_by_reason", c.rejectedByReason());
            s.put("out_of_window_skipped", c.outOfWindow());
            s.put("other_pair_skipped", c.otherPair());
            s.put("accepted", c.accepted());
            s.put("duplicates_dropped", c.duplicatesDropped());
            s.put("written", c.written());
            events.put(stream, s);
            c.acceptedByPair().forEach((pair, n) -> byPair.computeIfAbsent(pair.toString(), k -> new LinkedHashMap<>())
                    .put(stream, n));
        }
        report.put("inputs", inputs);
        report.put("events", events);
        report.put("events_by_pair", byPair);
        Map<String, Object> d = new LinkedHashMap<>();
        events.forEach((stream, s) -> {
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) s;
            d.put(stream, m.get("lines_read") + " read, " + m.get("rejected") + " rejected, "
                    + m.get("duplicates_dropped") + " duplicates, " + m.get("out_of_window_skipped") + " out of window, "
                    + m.get("written") + " written");
        });
        return d;
    }
}
