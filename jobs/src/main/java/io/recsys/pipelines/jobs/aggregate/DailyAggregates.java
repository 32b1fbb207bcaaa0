package io.recsys.pipelines.jobs.aggregate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Per (tenant, surface, day, item): exposures, clicks, conversions and conversion value
 * (contract section 3). Window artifacts add these partials up instead of re-reading raw events.
 */
public final class DailyAggregates {
    public static final StructType SCHEMA = new StructType()
            .add("tenant", DataTypes.StringType, false)
            .add("surface", DataTypes.StringType, false)
            .add("dt", DataTypes.DateType, false)
            .add("item_id", DataTypes.StringType, false)
            .add("exposures", DataTypes.LongType, false)
            .add("clicks", DataTypes.LongType, false)
            .add("conversions", DataTypes.LongType, false)
            .add("conversion_value", DataTypes.DoubleType, false);

    private DailyAggregates() {
    }

    /**
     * Grouped with partial aggregation before the shuffle, which is keyed by (tenant, surface, dt,
     * item_id): one pair's day is spread over all tasks. Never repartitioned by the day partition
     * alone, which would leave a large pair's day to one task.
     */
    public static Dataset<Row> compute(Dataset<Row> exposures, Dataset<Row> outcomes) {
        Dataset<Row> exposureRows = exposures.select(col("tenant"), col("surface"), col("dt"), col("item_id"),
                lit(1L).as("exposures"), lit(0L).as("clicks"), lit(0L).as("conversions"),
                lit(0.0).as("conversion_value"));
        Dataset<Row> all = exposureRows;
        if (outcomes != null) {
            Column isConversion = col("event_type").equalTo(lit("conversion"));
            all = all.unionByName(outcomes.select(col("tenant"), col("surface"), col("dt"), col("item_id"),
                    lit(0L).as("exposures"),
                    when(col("event_type").equalTo(lit("click")), lit(1L)).otherwise(lit(0L)).as("clicks"),
                    when(isConversion, lit(1L)).otherwise(lit(0L)).as("conversions"),
                    when(isConversion, coalesce(col("value"), lit(0.0))).otherwise(lit(0.0)).as("conversion_value")));
        }
        return all.groupBy(col("tenant"), col("surface"), col("dt"), col("item_id"))
                .agg(sum("exposures").as("exposures"), sum("clicks").as("clicks"),
                        sum("conversions").as("conversions"), sum("conversion_value").as("conversion_value"));
    }
}
