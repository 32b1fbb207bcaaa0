package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.artifact.ArtifactHeader;
import io.recsys.pipelines.common.artifact.ArtifactWindow;
import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.artifact.PopularityPayload;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.aggregate.AggregateStage;
import io.recsys.pipelines.jobs.kinds.KindBuilder;
import io.recsys.pipelines.jobs.kinds.KindBuilders;
import io.recsys.pipelines.jobs.kinds.WindowBuild;
import io.recsys.pipelines.jobs.kinds.WindowInputs;
import io.recsys.pipelines.jobs.canonicalize.CanonicalStore;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizedDays;
import io.recsys.pipelines.common.storage.ConditionalWriteProbe;
import io.recsys.pipelines.jobs.spark.JobLabel;
import io.recsys.pipelines.registry.RunInfo;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;

/**
 * One run in one SparkSession: canonicalize the plan's days, aggregate them, then for each day
 * build every selected kind for every (tenant, surface) at once, record the days before the last
 * and publish the last. The built results reach the driver sorted by pair and are published pair
 * by pair: the driver holds one pair's artifacts at a time, and only publishing, a handful of
 * small object writes per pair, loops on it.
 */
public final class RunPipeline {
    private final SparkSession spark;
    private final PipelineConfig config;
    private final RunOptions options;
    private final RunReport report;
    private final RunInfo invocation;
    private final Function<RunInfo, ArtifactPublishing> publishingFor;

    /**
     * @param invocation    who runs what and why; the pipeline adds the lineage its stages learn
     * @param publishingFor the publishing of the run, given the run's complete {@link RunInfo}
     */
    public RunPipeline(SparkSession spark, PipelineConfig config, RunOptions options, RunReport report,
                       RunInfo invocation, Function<RunInfo, ArtifactPublishing> publishingFor) {
        this.spark = spark;
        this.config = config;
        this.options = options;
        this.report = report;
        this.invocation = invocation;
        this.publishingFor = publishingFor;
    }

    /**
     * What happened to each pair's artifacts of each day, and per pair of the publish day the head of
     * its popularity list (at most {@link #TOP_ITEMS} items): bounded per pair, never the payloads.
     * {@code publishing} is the run's, for what comes after the last day (finish, failure, previews);
     * {@code kept} the line naming the pairs the input did not hold, or null.
     */
    public record Result(List<ArtifactPublishing.PairOutcome> outcomes, Map<TenantSurface, List<ItemCount>> topItems,
                         ArtifactPublishing publishing, String kept) {
    }

    /** Popularity items per pair kept for the summary. */
    public static final int TOP_ITEMS = 5;

    /** A dry run goes through the same calls: its ArtifactPublishing decides and writes nothing. */
    public Result execute(RunPlan plan) {
        DateWindow days = plan.days();
        PairFilter scope = options.scope();
        report.plan(new RunSummary.Plan(days, plan.windowDays(), plan.kinds(), scope));
        CanonicalStore stored = new CanonicalStore(spark, Locations.resolve(config.storage().canonical()));
        CanonicalStore canonical = options.dryRun() ? new CanonicalStore(spark, scratch("canonical")) : stored;

        AggregateStage storedAggregates = new AggregateStage(spark, stored, Locations.resolve(config.storage().aggregates()));
        AggregateStage aggregate = options.dryRun() ? new AggregateStage(spark, canonical, scratch("aggregates"))
                : storedAggregates;
        DateWindow span = new DateWindow(plan.artifactWindow(days.start()).start(), days.end());
        StoreState state = canonicalizeAndAggregate(spark, config, report,
                new RunStores(stored, canonical, storedAggregates, aggregate), days, span, scope,
                options.allowPartialWindow(), options.replaceWholeDays());
        // The lineage is complete before the first publish: every history entry of the run carries the same.
        ArtifactPublishing publishing = publishingFor.apply(RunLineage.of(invocation, state, days, plan.windowDays()));
        // A pair over its reject budget committed nothing: it publishes nothing either, and fails (exit 3).
        state.canonicalized().refused().forEach((pair, why) -> {
            ArtifactPublishing.PairOutcome refused = publishing.refuse(pair, days.start(), why);
            if (!options.dryRun()) {
                report.outcome(refused);
            }
        });
        PairCoverage coverage;
        try (JobLabel label = JobLabel.of(spark, "coverage")) {
            coverage = PairCoverage.read(List.of(stored.canonicalizedDays(), canonical.canonicalizedDays()), span);
        }
        publishing.checkVolumes(VolumeSignals.forRun(config, spark.sparkContext().hadoopConfiguration(), report,
                state.canonicalized(), days));

        WindowReader exposures = state.exposures();
        WindowReader aggregates = state.aggregates();
        List<KindBuilder> builders = KindBuilders.forKinds(plan.kinds(), config, spark.sparkContext().hadoopConfiguration());
        Map<TenantSurface, List<ItemCount>> topItems = new TreeMap<>();
        List<ArtifactPublishing.PairOutcome> outcomes = new ArrayList<>();
        for (LocalDate day : days.days()) {
            long started = System.nanoTime();
            DateWindow window = plan.artifactWindow(day);
            try (JobLabel label = JobLabel.of(spark, "build " + day)) {
                WindowBuild build = start(builders, window, scope, exposures, aggregates, coverage);
                outcomes.addAll(handOn(publishing, build, window, started, plan, day, topItems));
            }
        }
        Map<TenantSurface, java.util.SortedSet<LocalDate>> kept = state.canonicalized().kept();
        return new Result(outcomes, topItems, publishing, kept.isEmpty() ? null : KeptPairs.describe(kept));
    }

    /**
     * Pair by pair, in order: assembles the pair's artifacts of every kind, publishes them (the publish
     * day) or records them (earlier days), then drops them; a dry run goes through the same calls, which
     * only decide. Times the build (reading the sorted results) and the publishing apart.
     */
    private List<ArtifactPublishing.PairOutcome> handOn(ArtifactPublishing publishing, WindowBuild build, DateWindow window,
                                                        long started, RunPlan plan, LocalDate day,
                                                        Map<TenantSurface, List<ItemCount>> topItems) {
        boolean last = day.equals(plan.publishDay());
        List<ArtifactPublishing.PairOutcome> outcomes = new ArrayList<>();
        long publishNanos = 0;
        int handedOn = 0;
        for (TenantSurface pair : build.pairs()) {
            if (!plan.wants(pair, day)) {
                continue;
            }
            List<Artifact> artifacts = artifacts(pair, build.next(pair), window);
            if (artifacts.isEmpty()) {
                continue;
            }
            handedOn++;
            if (last) {
                topItems.put(pair, head(artifacts));
            }
            long t = System.nanoTime();
            List<ArtifactPublishing.PairOutcome> pairOutcomes = last ? publishing.publish(Map.of(pair, artifacts), day)
                    : publishing.record(Map.of(pair, artifacts), day);
            publishNanos += System.nanoTime() - t;
            if (!options.dryRun()) {
                pairOutcomes.forEach(report::outcome);
            }
            outcomes.addAll(pairOutcomes);
        }
        double buildSeconds = (System.nanoTime() - started - publishNanos) / 1e9;
        stage("build " + day, buildSeconds, Map.of("pairs", build.pairs().size(), "window", window.toString()));
        stage((options.dryRun() ? "dry run: " : "") + (last ? "publish " : "record ") + day, publishNanos / 1e9,
                Map.of("pairs", handedOn));
        return outcomes;
    }

    private void stage(String name, double seconds, Map<String, Object> details) {
        report.stage(name, seconds, details);
        StageTimer.log().info("[{}] done in {}s {}", name, String.format(Locale.ROOT, "%.2f", seconds), details);
    }

    /**
     * The first two stages, timed into the report: canonicalize {@code days} in scope into {@code canonical},
     * then aggregate them into {@code aggregate}. DB mode (jobs.db) runs the same before loading PostgreSQL.
     */
    public static StoreState canonicalizeAndAggregate(SparkSession spark, PipelineConfig config, RunReport report,
                                                      CanonicalStore canonical, AggregateStage aggregate, DateWindow days,
                                                      PairFilter scope) {
        return canonicalizeAndAggregate(spark, config, report, RunStores.of(canonical, aggregate), days, days, scope,
                false, false);
    }

    /**
     * The first two stages, timed into the report. {@code days} are canonicalized from the input and
     * aggregated; the other days of {@code span} (the union of the artifact windows) are read from the
     * store when it holds them for {@code scope}, canonicalized from the input when it holds them, and
     * otherwise stop the run (exit 3) unless {@code allowPartial}. Refuses (exit 2) a store of plain
     * Parquet tables before any work. {@code replaceWholeDays}: the input is the whole of its days for
     * the scope (see {@link io.recsys.pipelines.jobs.storage.ReplacedPartitions}).
     */
    public static StoreState canonicalizeAndAggregate(SparkSession spark, PipelineConfig config, RunReport report,
                                                      RunStores stores, DateWindow days, DateWindow span,
                                                      PairFilter scope, boolean allowPartial, boolean replaceWholeDays) {
        for (CanonicalStore store : List.of(stores.storedCanonical(), stores.canonical())) {
            store.table(EventType.EXPOSURE).requireNotPlainParquet();
            store.table(EventType.OUTCOME).requireNotPlainParquet();
        }
        stores.storedAggregates().table().requireNotPlainParquet();
        stores.aggregates().table().requireNotPlainParquet();
        if (stores.writesToStore()) {
            ConditionalWriteProbe.check(java.util.List.of(config.storage().canonical(), config.storage().aggregates(),
                            config.storage().registry(), config.storage().objectstore()), config.storage().singleWriter(),
                    spark.sparkContext().hadoopConfiguration(), report.runId());
        }

        CanonicalizedDays recorded = stores.storedCanonical().canonicalizedDays();
        java.util.SortedSet<LocalDate> earlier = new java.util.TreeSet<>(span.days());
        earlier.removeAll(days.days());
        java.util.SortedSet<LocalDate> stored = recorded.covered(earlier, scope);
        java.util.SortedSet<LocalDate> optional = new java.util.TreeSet<>(earlier);
        optional.removeAll(stored);
        OptionalLong recordedRead = earlier.isEmpty() ? OptionalLong.empty() : recorded.latestVersion();

        StageTimer timer = new StageTimer(report);
        CanonicalizeStage.Request request = new CanonicalizeStage.Request(new java.util.TreeSet<>(days.days()), optional,
                scope, allowPartial, replaceWholeDays);
        // The report follows the stage as it goes, so a run that fails midway still reports what it reached.
        java.util.Set<String> logged = new java.util.HashSet<>();
        java.util.function.Consumer<CanonicalizeStage.Result> progress = r -> {
            report.canonicalized(r);
            r.counts().forEach((type, counts) -> {
                String stream = CanonicalizeStage.streamName(type);
                String line = Reports.line(counts, report.isDryRun());
                if (logged.add(stream + line)) {
                    StageTimer.log().info("[canonicalize] {}: {}", stream, line);
                }
            });
        };
        CanonicalizeStage.Result canonicalized = timer.time("canonicalize",
                () -> new CanonicalizeStage(spark, config, stores.canonical(), stores.storedCanonical(),
                        report.runId(), progress).run(request),
                r -> Reports.lines(r, report.isDryRun()));
        long aggregatesWritten = timer.time("aggregate",
                () -> stores.aggregates().run(canonicalized, "run=" + report.runId()),
                v -> Map.of("days", canonicalized.replaced().days().size()));
        long recordedWritten = stores.canonical().canonicalizedDays().record(canonicalized.replaced().coverage(),
                report.runId());
        if (!canonicalized.kept().isEmpty()) {
            String kept = KeptPairs.describe(canonicalized.kept());
            report.warning(kept);
            StageTimer.log().warn("[canonicalize] {}", kept);
        }

        boolean same = stores.writesToStore();
        long exposuresWritten = canonicalized.versions().get(EventType.EXPOSURE);
        OptionalLong exposuresStored = same ? OptionalLong.of(exposuresWritten)
                : stores.storedCanonical().table(EventType.EXPOSURE).latestVersion();
        OptionalLong aggregatesStored = same ? OptionalLong.of(aggregatesWritten)
                : stores.storedAggregates().table().latestVersion();
        Map<String, StoreState.TableVersions> tables = new LinkedHashMap<>();
        tables.put(stores.canonical().table(EventType.EXPOSURE).name(),
                versions(same, exposuresWritten, exposuresStored));
        if (canonicalized.versions().containsKey(EventType.OUTCOME)) {
            tables.put(stores.canonical().table(EventType.OUTCOME).name(),
                    versions(same, canonicalized.versions().get(EventType.OUTCOME), OptionalLong.empty()));
        }
        tables.put(stores.aggregates().table().name(), versions(same, aggregatesWritten, aggregatesStored));
        tables.put(CanonicalizedDays.NAME, versions(same, recordedWritten, recordedRead));
        StoreState state = new StoreState(stores, canonicalized, stored, aggregatesWritten, exposuresStored,
                aggregatesStored, tables);
        report.stored(state.summary());
        if (!canonicalized.missing().isEmpty()) {
            report.warning("partial window (--allow-partial-window): no data for " + canonicalized.missing()
                    + " in the canonical store or the input");
            StageTimer.log().warn("[canonicalize] partial window: no data for {} (--allow-partial-window)",
                    canonicalized.missing());
        }
        return state;
    }

    /** A table's versions: what the run committed, and what its builders read. */
    private static StoreState.TableVersions versions(boolean inStore, long written, OptionalLong read) {
        return new StoreState.TableVersions(inStore, written, read);
    }

    /** Runs every kind's Spark work for {@code window}, leaving their sorted results to be read pair by pair. */
    private WindowBuild start(List<KindBuilder> builders, DateWindow window, PairFilter scope, WindowReader exposures,
                              WindowReader aggregates, PairCoverage coverage) {
        StageTimer.log().info("[build {}] started", window.end());
        Dataset<Row> dailyAggregates = aggregates.read(window, scope);
        List<TenantSurface> pairs = pairsWithExposures(dailyAggregates);
        coverage.gaps(pairs, window).ifPresent(gaps -> {
            StageTimer.log().warn("[build {}] {}", window.end(), gaps);
            report.warning("build " + window.end() + ": " + gaps);
        });
        WindowInputs inputs = new WindowInputs(window, exposures.read(window, scope), dailyAggregates, config, pairs);
        WindowBuild build = WindowBuild.start(builders, inputs);
        if (!build.stats().isEmpty()) {
            report.buildStats(window.end(), build.stats());
        }
        for (String warning : build.warnings()) {
            StageTimer.log().warn("[build {}] {}", window.end(), warning);
            report.warning("build " + window.end() + ": " + warning);
        }
        return build;
    }

    /** One pair's artifacts, one per kind that has one for it, in the selected kinds' order. */
    private List<Artifact> artifacts(TenantSurface pair, List<WindowBuild.KindPayload> payloads, DateWindow window) {
        ArtifactWindow artifactWindow = new ArtifactWindow(window.startInstant(), window.endExclusiveInstant());
        List<Artifact> artifacts = new ArrayList<>(payloads.size());
        for (WindowBuild.KindPayload p : payloads) {
            artifacts.add(new Artifact(new ArtifactHeader(p.kind(), pair.tenant(), pair.surface(), options.segment(),
                    artifactWindow), p.payload()));
        }
        return artifacts;
    }

    /** The first items of the pair's popularity artifact, if it has one. */
    private static List<ItemCount> head(List<Artifact> artifacts) {
        for (Artifact a : artifacts) {
            if (a.payload() instanceof PopularityPayload p) {
                return List.copyOf(p.items().subList(0, Math.min(TOP_ITEMS, p.items().size())));
            }
        }
        return List.of();
    }

    /** A dry run's own days go to a scratch folder next to the reports, deleted by the command after the run. */
    public static org.apache.hadoop.fs.Path dryRunScratch(PipelineConfig config, String runId) {
        return new org.apache.hadoop.fs.Path(Locations.resolve(config.storage().reports()), "dry-run-" + runId);
    }

    private org.apache.hadoop.fs.Path scratch(String name) {
        return new org.apache.hadoop.fs.Path(dryRunScratch(config, report.runId()), name);
    }

    /** The pairs that get artifacts for a window: those with exposures in it (bounded by pairs, not events). */
    private static List<TenantSurface> pairsWithExposures(Dataset<Row> dailyAggregates) {
        List<TenantSurface> pairs = new ArrayList<>();
        for (Row row : dailyAggregates.filter(col("exposures").gt(0)).select(col("tenant"), col("surface"))
                .distinct().collectAsList()) {
            pairs.add(new TenantSurface(row.getString(0), row.getString(1)));
        }
        return pairs;
    }
}
