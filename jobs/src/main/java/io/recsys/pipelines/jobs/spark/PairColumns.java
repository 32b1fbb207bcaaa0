package io.recsys.pipelines.jobs.spark;

import io.recsys.pipelines.common.pair.PairFilter;
import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/** A {@link PairFilter} as a column expression over {@code tenant} and {@code surface} columns. */
public final class PairColumns {
    private PairColumns() {
    }

    public static Column matching(PairFilter filter) {
        Column c = lit(true);
        if (filter.tenant() != null) {
            c = c.and(col("tenant").equalTo(lit(filter.tenant())));
        }
        if (filter.surface() != null) {
            c = c.and(col("surface").equalTo(lit(filter.surface())));
        }
        return c;
    }
}
