package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.storage.Identifiers;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.run.PairFilter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

/**
 * Pure Dataset functions of the canonicalize stage: raw lines to classified rows, and classified
 * rows to the canonical columns, rejects and counts. No I/O here; the stage does the reads/writes.
 */
public final class Canonicalizer {
    public static final String STATUS = "status";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String OUT_OF_WINDOW = "out_of_window";
    public static final String OTHER_PAIR = "other_pair";

    /** Normalized columns written for each stream; tenant, surface and dt are the partition folders. */
    public static final List<String> EXPOSURE_COLUMNS =
            List.of("tenant", "surface", "dt", "session_id", "item_id", "user_id", "request_id", "rank", "ts");
    public static final List<String> OUTCOME_COLUMNS =
            List.of("tenant", "surface", "dt", "session_id", "item_id", "user_id", "request_id", "event_type", "value", "ts");

    private Canonicalizer() {
    }

    public static List<String> columns(EventType type) {
        return type == EventType.EXPOSURE ? EXPOSURE_COLUMNS : OUTCOME_COLUMNS;
    }

    /** {@code lines} has the columns (value, source_file); one output row per line. */
    public static Dataset<Row> parse(Dataset<Row> lines, EventType type, Identifiers rules) {
        return lines.mapPartitions(ParsedEvents.parser(type, rules), Encoders.row(ParsedEvents.SCHEMA));
    }

    /**
     * Adds the UTC timestamp, its day and a status: rejected (with reason), out of the window
     * (skipped and counted, not rejected), outside the run's (tenant, surface) scope, or accepted.
     */
    public static Dataset<Row> classify(Dataset<Row> parsed, DateWindow window, PairFilter filter) {
        Column ts = timestamp_micros(col(ParsedEvents.TS_MICROS));
        Dataset<Row> withDay = parsed.withColumn("ts", ts).withColumn("dt", to_date(col("ts")));
        Column inWindow = col("dt").between(lit(java.sql.Date.valueOf(window.start())),
                lit(java.sql.Date.valueOf(window.end())));
        Column status = when(col(ParsedEvents.REJECT_REASON).isNotNull(), lit(REJECTED))
                .when(inWindow.unary_$bang(), lit(OUT_OF_WINDOW))
                .when(filter.asColumn().unary_$bang(), lit(OTHER_PAIR))
                .otherwise(lit(ACCEPTED));
        return withDay.withColumn(STATUS, status);
    }

    /**
     * Accepted events in canonical columns, hash-partitioned by (tenant, surface, dt) so that each
     * day partition is written by one task (one file), and deduplicated within that partitioning
     * (duplicates share tenant, surface and dt, so no second shuffle is needed).
     */
    public static Dataset<Row> canonical(Dataset<Row> classified, EventType type, boolean dedupe) {
        Dataset<Row> accepted = classified.filter(col(STATUS).equalTo(lit(ACCEPTED)))
                .select(columns(type).stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .repartition(col("tenant"), col("surface"), col("dt"));
        return dedupe ? accepted.dropDuplicates() : accepted;
    }

    public static Dataset<Row> rejects(Dataset<Row> classified) {
        return classified.filter(col(STATUS).equalTo(lit(REJECTED)))
                .select(col(ParsedEvents.SOURCE_FILE), col(ParsedEvents.REJECT_REASON).as("reason"), col(ParsedEvents.RAW));
    }

    /** Counts by status, reason and partition: bounded by reasons x pairs x days, never by events. */
    public static Dataset<Row> counts(Dataset<Row> classified) {
        return classified.groupBy(col(STATUS), col(ParsedEvents.REJECT_REASON), col("tenant"), col("surface"), col("dt"))
                .count();
    }
}
