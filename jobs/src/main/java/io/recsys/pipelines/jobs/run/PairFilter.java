package io.recsys.pipelines.jobs.run;

import org.apache.spark.sql.Column;

import java.io.Serializable;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/** The (tenant, surface) scope of a run: both null means every pair in the data. */
public record PairFilter(String tenant, String surface) implements Serializable {
    public static final PairFilter ALL = new PairFilter(null, null);

    public boolean matches(String t, String s) {
        return (tenant == null || tenant.equals(t)) && (surface == null || surface.equals(s));
    }

    /** The same test as a column expression over {@code tenant} and {@code surface} columns. */
    public Column asColumn() {
        Column c = lit(true);
        if (tenant != null) {
            c = c.and(col("tenant").equalTo(lit(tenant)));
        }
        if (surface != null) {
            c = c.and(col("surface").equalTo(lit(surface)));
        }
        return c;
    }

    @Override
    public String toString() {
        return (tenant == null ? "*" : tenant) + "/" + (surface == null ? "*" : surface);
    }
}
