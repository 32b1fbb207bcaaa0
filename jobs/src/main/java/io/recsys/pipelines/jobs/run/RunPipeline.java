package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.artifact.ArtifactHeader;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ArtifactPayload;
import io.recsys.pipelines.common.artifact.ArtifactWindow;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.aggregate.AggregateStage;
import io.recsys.pipelines.jobs.build.KindBuilder;
import io.recsys.pipelines.jobs.build.KindBuilders;
import io.recsys.pipelines.jobs.build.WindowInputs;
import io.recsys.pipelines.jobs.canonicalize.CanonicalStore;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizedDays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * One run in one SparkSession: canonicalize the plan's days, aggregate them, then for each day
 * build every selected kind for every (tenant, surface) at once, record the days before the last
 * and publish the last. Only publishing, a handful of small object writes per pair, loops on the
 * driver.
 */
public final class RunPipeline {
    private final SparkSession spark;
    private final PipelineConfig config;
    private final RunOptions options;
    private final RunReport report;
    private final StageTimer timer;
    private final ArtifactPublishing publishing;

    public RunPipeline(SparkSession spark, PipelineConfig config, RunOptions options, RunReport report,
                       ArtifactPublishing publishing) {
        this.spark = spark;
        this.config = config;
        this.options = options;
        this.report = report;
        this.timer = new StageTimer(report);
        this.publishing = publishing;
    }

    /** The artifacts built for the publish day and what happened to them, per pair. */
    public record Result(Map<TenantSurface, List<Artifact>> artifacts, List<ArtifactPublishing.PairOutcome> outcomes) {
    }

    public Result execute(RunPlan plan) {
        DateWindow days = plan.days();
        PairFilter scope = options.scope();
        report.put("days", Map.of("start", days.start().toString(), "end", days.end().toString()));
        report.put("window_days", plan.windowDays());
        report.put("kinds", plan.kinds().stream().map(ArtifactKind::id).toList());
        report.put("scope", scope.toString());
        CanonicalStore stored = new CanonicalStore(spark, Locations.resolve(config.storage().canonical()));
        CanonicalStore canonical = options.dryRun() ? new CanonicalStore(spark, scratch("canonical")) : stored;

        AggregateStage storedAggregates = new AggregateStage(spark, stored, Locations.resolve(config.storage().aggregates()));
        AggregateStage aggregate = options.dryRun() ? new AggregateStage(spark, canonical, scratch("aggregates"))
                : storedAggregates;
        StoreState state = canonicalizeAndAggregate(spark, config, report,
                new RunStores(stored, canonical, storedAggregates, aggregate), days,
                new DateWindow(plan.artifactWindow(days.start()).start(), days.end()), scope, options.allowPartialWindow());
        publishing.addLineage("inputs", report.asMap().get("inputs"));
        publishing.addLineage("days", days.toString());
        publishing.addLineage("window_days", plan.windowDays());
        state.lineage().forEach(publishing::addLineage);

        WindowReader exposures = state.exposures();
        WindowReader aggregates = state.aggregates();
        List<KindBuilder> builders = KindBuilders.forKinds(plan.kinds(), config, spark.sparkContext().hadoopConfiguration());
        Map<TenantSurface, List<Artifact>> lastDay = Map.of();
        List<ArtifactPublishing.PairOutcome> outcomes = new ArrayList<>();
        for (LocalDate day : days.days()) {
            DateWindow window = plan.artifactWindow(day);
            Map<TenantSurface, List<Artifact>> artifacts = timer.time("build " + day,
                    () -> build(builders, window, scope, exposures, aggregates), a -> Map.of("pairs", a.size(),
                            "window", window.toString()));
            boolean last = day.equals(plan.publishDay());
            if (options.dryRun()) {
                if (last) {
                    lastDay = artifacts;
                }
                continue;
            }
            Map<TenantSurface, List<Artifact>> wanted = new TreeMap<>();
            artifacts.forEach((pair, list) -> {
                if (plan.wants(pair, day)) {
                    wanted.put(pair, list);
                }
            });
            List<ArtifactPublishing.PairOutcome> dayOutcomes = timer.time((last ? "publish " : "record ") + day,
                    () -> last ? publishing.publish(wanted, day) : publishing.record(wanted, day),
                    o -> Map.of("pairs", o.size()));
            dayOutcomes.forEach(o -> Reports.artifacts(o, day, report));
            outcomes.addAll(dayOutcomes);
            if (last) {
                lastDay = wanted;
            }
        }
        return new Result(lastDay, outcomes);
    }

    /**
     * The first two stages, timed into the report: canonicalize {@code days} in scope into {@code canonical},
     * then aggregate them into {@code aggregate}. DB mode (jobs.db) runs the same before loading PostgreSQL.
     */
    public static void canonicalizeAndAggregate(SparkSession spark, PipelineConfig config, RunReport report,
                                                CanonicalStore canonical, AggregateStage aggregate, DateWindow days,
                                                PairFilter scope) {
        canonicalizeAndAggregate(spark, config, report, RunStores.of(canonical, aggregate), days, days, scope, false);
    }

    /**
     * The first two stages, timed into the report. {@code days} are canonicalized from the input and
     * aggregated; the other days of {@code span} (the union of the artifact windows) are read from the
     * store when it holds them for {@code scope}, canonicalized from the input when it holds them, and
     * otherwise stop the run (exit 3) unless {@code allowPartial}. Refuses (exit 2) a store of plain
     * Parquet tables before any work.
     */
    public static StoreState canonicalizeAndAggregate(SparkSession spark, PipelineConfig config, RunReport report,
                                                      RunStores stores, DateWindow days, DateWindow span,
                                                      PairFilter scope, boolean allowPartial) {
        for (CanonicalStore store : List.of(stores.storedCanonical(), stores.canonical())) {
            store.table(EventType.EXPOSURE).requireNotPlainParquet();
            store.table(EventType.OUTCOME).requireNotPlainParquet();
        }
        stores.storedAggregates().table().requireNotPlainParquet();
        stores.aggregates().table().requireNotPlainParquet();

        CanonicalizedDays recorded = stores.storedCanonical().canonicalizedDays();
        java.util.SortedSet<LocalDate> earlier = new java.util.TreeSet<>(span.days());
        earlier.removeAll(days.days());
        java.util.SortedSet<LocalDate> stored = recorded.covered(earlier, scope);
        java.util.SortedSet<LocalDate> optional = new java.util.TreeSet<>(earlier);
        optional.removeAll(stored);
        OptionalLong recordedRead = earlier.isEmpty() ? OptionalLong.empty() : recorded.latestVersion();

        StageTimer timer = new StageTimer(report);
        CanonicalizeStage.Request request = new CanonicalizeStage.Request(new java.util.TreeSet<>(days.days()), optional,
                scope, allowPartial);
        // The report follows the stage as it goes, so a run that fails midway still reports what it reached.
        java.util.Set<String> logged = new java.util.HashSet<>();
        java.util.function.Consumer<CanonicalizeStage.Result> progress = r -> Reports.describe(r, report)
                .forEach((stream, line) -> {
                    if (r.counts().containsKey(streamType(stream)) && logged.add(stream + line)) {
                        StageTimer.log().info("[canonicalize] {}: {}", stream, line);
                    }
                });
        CanonicalizeStage.Result canonicalized = timer.time("canonicalize",
                () -> new CanonicalizeStage(spark, config, stores.canonical(), report.runId(), progress).run(request),
                r -> Reports.describe(r, report));
        long aggregatesWritten = timer.time("aggregate",
                () -> stores.aggregates().run(scope, canonicalized, "run=" + report.runId()),
                v -> Map.of("days", canonicalized.days().size()));
        long recordedWritten = stores.canonical().canonicalizedDays().record(canonicalized.days(), scope, report.runId());

        boolean same = stores.writesToStore();
        long exposuresWritten = canonicalized.versions().get(EventType.EXPOSURE);
        OptionalLong exposuresStored = same ? OptionalLong.of(exposuresWritten)
                : stores.storedCanonical().table(EventType.EXPOSURE).latestVersion();
        OptionalLong aggregatesStored = same ? OptionalLong.of(aggregatesWritten)
                : stores.storedAggregates().table().latestVersion();
        Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
        tables.put(stores.canonical().table(EventType.EXPOSURE).name(),
                versions(same, exposuresWritten, exposuresStored));
        if (canonicalized.versions().containsKey(EventType.OUTCOME)) {
            tables.put(stores.canonical().table(EventType.OUTCOME).name(),
                    versions(same, canonicalized.versions().get(EventType.OUTCOME), OptionalLong.empty()));
        }
        tables.put(stores.aggregates().table().name(), versions(same, aggregatesWritten, aggregatesStored));
        tables.put(CanonicalizedDays.NAME, versions(same, recordedWritten, recordedRead));
        report.put("tables", tables);
        report.put("days_canonicalized", StoreState.days(canonicalized.days()));
        report.put("days_from_store", StoreState.days(stored));
        if (!canonicalized.missing().isEmpty()) {
            report.put("missing_days", StoreState.days(canonicalized.missing()));
            report.warning("partial window (--allow-partial-window): no data for " + canonicalized.missing()
                    + " in the canonical store or the input");
            StageTimer.log().warn("[canonicalize] partial window: no data for {} (--allow-partial-window)",
                    canonicalized.missing());
        }
        return new StoreState(stores, canonicalized.days(), stored, canonicalized.missing(), exposuresWritten,
                aggregatesWritten, exposuresStored, aggregatesStored, tables);
    }

    private static EventType streamType(String stream) {
        return stream.equals(CanonicalizeStage.streamName(EventType.EXPOSURE)) ? EventType.EXPOSURE : EventType.OUTCOME;
    }

    /** A table's versions for the report: what the run committed, and what its builders read. */
    private static Map<String, Object> versions(boolean inStore, long written, OptionalLong read) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put(inStore ? "written_version" : "scratch_version", written);
        read.ifPresent(r -> v.put("read_version", r));
        return v;
    }

    private Map<TenantSurface, List<Artifact>> build(List<KindBuilder> builders, DateWindow window, PairFilter scope,
                                                     WindowReader exposures, WindowReader aggregates) {
        Dataset<Row> dailyAggregates = aggregates.read(window, scope);
        WindowInputs inputs = new WindowInputs(window, exposures.read(window, scope), dailyAggregates, config,
                pairsWithExposures(dailyAggregates));
        ArtifactWindow artifactWindow = new ArtifactWindow(window.startInstant(), window.endExclusiveInstant());
        Map<TenantSurface, List<Artifact>> artifacts = new TreeMap<>();
        for (TenantSurface pair : inputs.pairs()) {
            artifacts.put(pair, new ArrayList<>());
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        for (KindBuilder builder : builders) {
            KindBuilder.Built built = builder.build(inputs);
            if (!built.stats().isEmpty()) {
                stats.put(builder.kind().id(), built.stats());
            }
            for (Map.Entry<TenantSurface, List<Artifact>> e : artifacts.entrySet()) {
                ArtifactPayload payload = built.payloads().get(e.getKey());
                TenantSurface pair = e.getKey();
                e.getValue().add(new Artifact(new ArtifactHeader(builder.kind(), pair.tenant(), pair.surface(),
                        options.segment(), artifactWindow), payload != null ? payload : KindBuilders.empty(builder.kind())));
            }
        }
        if (!stats.isEmpty()) {
            report.put("build_stats_" + window.end(), stats);
        }
        return artifacts;
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
