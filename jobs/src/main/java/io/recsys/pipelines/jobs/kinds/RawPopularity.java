package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.config.PipelineConfig.PopularityWeights;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.aggregate.DailyAggregates;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;
import io.recsys.pipelines.jobs.canonicalize.Canonicalizer;
import io.recsys.pipelines.jobs.input.ResolvedInput;
import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Map;

/**
 * Popularity straight from raw JSONL, with nothing written: the run's own parse and validation,
 * window filter, dedupe, weighted count and top N, composed from the same functions, so the
 * benchmark can time the pipeline's core against a single-machine engine doing the same work.
 * Unlike a run it does not check the reject budget: it only ever reads, so nothing is at stake.
 */
public final class RawPopularity {
    private RawPopularity() {
    }

    /** @param outcomes null when there is no outcome stream */
    public static Map<TenantSurface, List<ItemCount>> topN(SparkSession spark, ResolvedInput exposures,
                                                           ResolvedInput outcomes, DateWindow window,
                                                           PairFilter scope, PipelineConfig config) {
        PopularityWeights weights = config.popularityWeights();
        // Outcomes can only change a count through a click or conversion weight: unweighted, skip the parse.
        boolean outcomesCount = outcomes != null && (weights.click() != 0 || weights.conversion() != 0);
        Dataset<Row> daily = DailyAggregates.compute(
                canonical(spark, exposures, EventType.EXPOSURE, window, scope, config),
                outcomesCount ? canonical(spark, outcomes, EventType.OUTCOME, window, scope, config) : null);
        return PopularityBuilder.collect(PopularityBuilder.topItems(daily, weights, config.limits().maxItemsPerArtifact()));
    }

    private static Dataset<Row> canonical(SparkSession spark, ResolvedInput input, EventType type, DateWindow window,
                                          PairFilter scope, PipelineConfig config) {
        Dataset<Row> parsed = Canonicalizer.parse(CanonicalizeStage.readLines(spark, input, config), type, config.identifiers());
        return Canonicalizer.canonical(Canonicalizer.classify(parsed, window, scope), type, config.dedupe());
    }
}
