package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * What the builders read for one artifact window: canonical exposures (session- and user-based
 * kinds) and daily aggregates (popularity) of the window's days, already limited to the run's
 * scope, and the pairs that get artifacts.
 */
public record WindowInputs(DateWindow window, Dataset<Row> exposures, Dataset<Row> dailyAggregates,
                           PipelineConfig config, List<TenantSurface> pairs) {
}
