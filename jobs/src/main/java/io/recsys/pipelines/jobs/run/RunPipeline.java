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
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.aggregate.AggregateStage;
import io.recsys.pipelines.jobs.build.KindBuilder;
import io.recsys.pipelines.jobs.build.KindBuilders;
import io.recsys.pipelines.jobs.build.WindowBuild;
import io.recsys.pipelines.jobs.build.WindowInputs;
import io.recsys.pipelines.jobs.canonicalize.CanonicalStore;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

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
    private final ArtifactPublishing publishing;

    public RunPipeline(SparkSession spark, PipelineConfig config, RunOptions options, RunReport report,
                       ArtifactPublishing publishing) {
        this.spark = spark;
        this.config = config;
        this.options = options;
        this.report = report;
        this.publishing = publishing;
    }

    /**
     * What happened to each pair's artifacts of each day, and per pair of the publish day the head of
     * its popularity list (at most {@link #TOP_ITEMS} items): bounded per pair, never the payloads.
     */
    public record Result(List<ArtifactPublishing.PairOutcome> outcomes, Map<TenantSurface, List<ItemCount>> topItems) {
    }

    /** Popularity items per pair kept for the summary. */
    public static final int TOP_ITEMS = 5;

    public Result execute(RunPlan plan) {
        return execute(plan, (pair, artifacts) -> {
        });
    }

    /**
     * @param lastDay given each pair's artifacts of the publish day, one pair at a time, in a dry
     *                run only (which then publishes and records nothing)
     */
    public Result execute(RunPlan plan, BiConsumer<TenantSurface, List<Artifact>> lastDay) {
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
        canonicalizeAndAggregate(spark, config, report, canonical, aggregate, days, scope);
        publishing.addLineage("inputs", report.asMap().get("inputs"));
        publishing.addLineage("days", days.toString());
        publishing.addLineage("window_days", plan.windowDays());

        WindowReader exposures = new WindowReader(canonical.table(EventType.EXPOSURE), stored.table(EventType.EXPOSURE), days);
        WindowReader aggregates = new WindowReader(aggregate.table(), storedAggregates.table(), days);
        List<KindBuilder> builders = KindBuilders.forKinds(plan.kinds(), config, spark.sparkContext().hadoopConfiguration());
        Map<TenantSurface, List<ItemCount>> topItems = new TreeMap<>();
        List<ArtifactPublishing.PairOutcome> outcomes = new ArrayList<>();
        for (LocalDate day : days.days()) {
            long started = System.nanoTime();
            DateWindow window = plan.artifactWindow(day);
            WindowBuild build = start(builders, window, scope, exposures, aggregates);
            outcomes.addAll(handOn(build, window, started, plan, day, lastDay, topItems));
        }
        return new Result(outcomes, topItems);
    }

    /**
     * Pair by pair, in order: assembles the pair's artifacts of every kind, publishes them (the publish
     * day) or records them (earlier days), or in a dry run hands the publish day's to {@code lastDay},
     * then drops them. Times the build (reading the sorted results) and the publishing apart.
     */
    private List<ArtifactPublishing.PairOutcome> handOn(WindowBuild build, DateWindow window, long started, RunPlan plan,
                                                        LocalDate day, BiConsumer<TenantSurface, List<Artifact>> lastDay,
                                                        Map<TenantSurface, List<ItemCount>> topItems) {
        boolean last = day.equals(plan.publishDay());
        List<ArtifactPublishing.PairOutcome> outcomes = new ArrayList<>();
        long publishNanos = 0;
        int handedOn = 0;
        for (TenantSurface pair : build.pairs()) {
            if (options.dryRun() ? !last : !plan.wants(pair, day)) {
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
            if (options.dryRun()) {
                lastDay.accept(pair, artifacts);
                continue;
            }
            long t = System.nanoTime();
            List<ArtifactPublishing.PairOutcome> pairOutcomes = last ? publishing.publish(Map.of(pair, artifacts), day)
                    : publishing.record(Map.of(pair, artifacts), day);
            publishNanos += System.nanoTime() - t;
            pairOutcomes.forEach(o -> Reports.artifacts(o, day, report));
            outcomes.addAll(pairOutcomes);
        }
        double buildSeconds = (System.nanoTime() - started - publishNanos) / 1e9;
        stage("build " + day, buildSeconds, Map.of("pairs", build.pairs().size(), "window", window.toString()));
        if (!options.dryRun()) {
            stage((last ? "publish " : "record ") + day, publishNanos / 1e9, Map.of("pairs", handedOn));
        }
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
    public static void canonicalizeAndAggregate(SparkSession spark, PipelineConfig config, RunReport report,
                                                CanonicalStore canonical, AggregateStage aggregate, DateWindow days,
                                                PairFilter scope) {
        StageTimer timer = new StageTimer(report);
        CanonicalizeStage.Result canonicalized = timer.time("canonicalize",
                () -> new CanonicalizeStage(spark, config, canonical).run(days, scope), r -> Reports.describe(r, report));
        timer.time("aggregate", () -> {
            aggregate.run(days, scope, canonicalized);
            return days;
        }, d -> Map.of("days", d.dayCount()));
    }

    /** Runs every kind's Spark work for {@code window}, leaving their sorted results to be read pair by pair. */
    private WindowBuild start(List<KindBuilder> builders, DateWindow window, PairFilter scope, WindowReader exposures,
                              WindowReader aggregates) {
        StageTimer.log().info("[build {}] started", window.end());
        Dataset<Row> dailyAggregates = aggregates.read(window, scope);
        WindowInputs inputs = new WindowInputs(window, exposures.read(window, scope), dailyAggregates, config,
                pairsWithExposures(dailyAggregates));
        WindowBuild build = WindowBuild.start(builders, inputs);
        if (!build.stats().isEmpty()) {
            report.put("build_stats_" + window.end(), build.stats());
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
