package io.recsys.pipelines.bench;

import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.jobs.kinds.RawPopularity;
import io.recsys.pipelines.jobs.canonicalize.CanonicalStore;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizeStage;
import io.recsys.pipelines.jobs.cli.Main;
import io.recsys.pipelines.jobs.input.InputResolver;
import io.recsys.pipelines.jobs.input.ResolvedInput;
import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The four timed steps on one data set, each through the project's public entry points, each
 * writing under its own folder so that no step finds another's output.
 */
final class Steps {
    private final SparkSession spark;
    private final DataSet data;
    private final List<String> userSettings;

    Steps(SparkSession spark, DataSet data, List<String> userSettings) {
        this.spark = spark;
        this.data = data;
        this.userSettings = userSettings;
    }

    /** The configuration of a run on this data set with every output under {@code out}, user settings last. */
    List<String> settings(Path out) {
        List<String> sets = new ArrayList<>(List.of(
                "input.exposures=" + data.exposurePattern(),
                "input.outcomes=" + data.outcomePattern(),
                "storage.canonical=" + out.resolve("canonical"),
                "storage.aggregates=" + out.resolve("aggregates"),
                "storage.objectstore=" + out.resolve("objectstore"),
                "storage.registry=" + out.resolve("registry"),
                "storage.reports=" + out.resolve("reports")));
        sets.addAll(userSettings);
        return sets;
    }

    PipelineConfig config(Path out) {
        return ConfigLoader.load(null, settings(out));
    }

    /** (a) Raw JSONL of the window to canonical Parquet: parse, validate, dedupe, write, rejects aside. */
    CanonicalizeStage.Result canonicalize(Path out) {
        PipelineConfig config = config(out);
        CanonicalStore store = new CanonicalStore(spark, Locations.resolve(config.storage().canonical()));
        return new CanonicalizeStage(spark, config, store).run(data.window(), PairFilter.ALL);
    }

    /** (b) The `run` command as an operator types it, in this JVM and SparkSession. */
    void dailyRun(Path out) {
        dailyRun(out, "popularity,cooc");
    }

    /** The daily run with other kinds (comma-separated, as `run --kinds` takes them). */
    void dailyRun(Path out, String kinds) {
        List<String> args = new ArrayList<>(List.of("run", "--start", data.window().start().toString(),
                "--end", data.window().end().toString(), "--kinds", kinds));
        for (String set : settings(out)) {
            args.add("--set");
            args.add(set);
        }
        int exit = Main.execute(args.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("the daily run exited " + exit + " (see its output above)");
        }
    }

    /** (c) Popularity top N straight from the raw exposures, nothing written. */
    Map<TenantSurface, List<ItemCount>> sparkPopularity(Path out) {
        PipelineConfig config = config(out);
        InputResolver resolver = new InputResolver(spark.sparkContext().hadoopConfiguration());
        ResolvedInput exposures = resolver.resolve(CanonicalizeStage.streamName(EventType.EXPOSURE),
                config.input().exposures(), data.window());
        ResolvedInput outcomes = resolver.resolve(CanonicalizeStage.streamName(EventType.OUTCOME),
                config.input().outcomes(), data.window());
        return RawPopularity.topN(spark, exposures, outcomes, data.window(), PairFilter.ALL, config);
    }

    /** (d) The same top N by DuckDB from the same exposure files. */
    Map<TenantSurface, List<ItemCount>> duckDbPopularity(DuckDbPopularity duckdb, Path out) throws SQLException {
        PipelineConfig config = config(out);
        if (!config.popularityWeights().equals(new PipelineConfig.PopularityWeights(1, 0, 0))) {
            throw new IllegalArgumentException("the DuckDB query counts exposures only: leave popularity.weights at 1, 0, 0");
        }
        ResolvedInput exposures = new InputResolver(spark.sparkContext().hadoopConfiguration())
                .resolve("exposures", config.input().exposures(), data.window());
        return duckdb.topN(exposures.files(), data.window(), config.limits().maxItemsPerArtifact());
    }
}
