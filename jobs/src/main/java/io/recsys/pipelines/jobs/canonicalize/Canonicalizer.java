package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.jobs.spark.PairColumns;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.storage.Identifiers;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.common.pair.PairFilter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

/**
 * Pure Dataset functions of the canonicalize stage: raw lines to classified rows, classified rows
 * to the staged rows, counts and rejects, and staged rows to the canonical rows of a commit. No
 * I/O here; the stage does the reads and writes.
 */
public final class Canonicalizer {
    public static final String STATUS = "status";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String OUT_OF_WINDOW = "out_of_window";
    public static final String OTHER_PAIR = "other_pair";

    /** Normalized columns written for each stream; tenant, surface and dt are the partition columns. */
    public static final List<String> EXPOSURE_COLUMNS =
            List.of("tenant", "surface", "dt", "session_id", "item_id", "user_id", "request_id", "rank", "ts");
    public static final List<String> OUTCOME_COLUMNS =
            List.of("tenant", "surface", "dt", "session_id", "item_id", "user_id", "request_id", "event_type", "value", "ts");

    private static final String DUPLICATE_RANK = "_copy";

    private Canonicalizer() {
    }

    public static List<String> columns(EventType type) {
        return type == EventType.EXPOSURE ? EXPOSURE_COLUMNS : OUTCOME_COLUMNS;
    }

    /** {@code lines} has the columns of {@code RawLines.SCHEMA}; one output row per line. */
    public static Dataset<Row> parse(Dataset<Row> lines, EventType type, Identifiers rules) {
        return lines.mapPartitions(ParsedEvents.parser(type, rules), Encoders.row(ParsedEvents.SCHEMA));
    }

    public static Dataset<Row> classify(Dataset<Row> parsed, DateWindow window, PairFilter filter) {
        return classify(parsed, window.days(), filter);
    }

    /**
     * Adds the UTC timestamp, its day and a status: rejected (with reason), outside the run's days
     * (skipped and counted, not rejected), outside the run's (tenant, surface) scope, or accepted. A
     * rejected line of a pair outside the scope is that pair's business, not this run's: it counts as
     * another pair's line (a reason and no day), neither quarantined nor charged to any budget here.
     */
    public static Dataset<Row> classify(Dataset<Row> parsed, Collection<LocalDate> days, PairFilter filter) {
        Column ts = timestamp_micros(col(ParsedEvents.TS_MICROS));
        Dataset<Row> withDay = parsed.withColumn("ts", ts).withColumn("dt", to_date(col("ts")));
        Column inDays = col("dt").isin(days.stream().map(d -> lit(java.sql.Date.valueOf(d))).toArray());
        Column rejected = col(ParsedEvents.REJECT_REASON).isNotNull();
        Column otherPair = col("tenant").isNotNull().and(PairColumns.matching(filter).unary_$bang());
        Column status = when(rejected.and(otherPair), lit(OTHER_PAIR))
                .when(rejected, lit(REJECTED))
                .when(inDays.unary_$bang(), lit(OUT_OF_WINDOW))
                .when(otherPair, lit(OTHER_PAIR))
                .otherwise(lit(ACCEPTED));
        return withDay.withColumn(STATUS, status);
    }

    /**
     * What the stage keeps of each classified line until the budget is decided: the canonical columns
     * and fingerprint of accepted events, file, reason, text and day (when known) of rejected lines, the
     * day of events of other pairs, and of every line its pair when known (each pair's budget counts all
     * its lines).
     */
    public static Dataset<Row> staged(Dataset<Row> classified, EventType type) {
        Column accepted = col(STATUS).equalTo(lit(ACCEPTED));
        Column rejected = col(STATUS).equalTo(lit(REJECTED));
        Column located = accepted.or(col(STATUS).equalTo(lit(OTHER_PAIR)));
        List<Column> columns = new ArrayList<>();
        columns.add(col(STATUS));
        columns.add(col(ParsedEvents.REJECT_REASON));
        columns.add(when(rejected, col(ParsedEvents.SOURCE_FILE)).as(ParsedEvents.SOURCE_FILE));
        columns.add(when(rejected, col(ParsedEvents.RAW)).as(ParsedEvents.RAW));
        columns.add(when(rejected, col(ParsedEvents.LINE_BYTES)).as(ParsedEvents.LINE_BYTES));
        for (String name : columns(type)) {
            if (name.equals("tenant") || name.equals("surface")) {
                columns.add(col(name));
            } else {
                columns.add(when(name.equals("dt") ? located.or(rejected) : accepted, col(name)).as(name));
            }
        }
        columns.add(when(accepted, col(ParsedEvents.HASH_HI)).as(ParsedEvents.HASH_HI));
        columns.add(when(accepted, col(ParsedEvents.HASH_LO)).as(ParsedEvents.HASH_LO));
        return classified.select(columns.toArray(Column[]::new));
    }

    /**
     * The canonical rows of a commit from the staged accepted rows: range-partitioned over (tenant,
     * surface, dt, fingerprint) into {@code partitions} tasks, so one day of one pair is spread over
     * many tasks in proportion to its size while small pairs share a task (files per partition
     * bounded by size, not one per task and pair), then exact duplicates dropped.
     */
    public static Dataset<Row> forCommit(Dataset<Row> staged, EventType type, boolean dedupe, int partitions) {
        Dataset<Row> accepted = staged.filter(col(STATUS).equalTo(lit(ACCEPTED)))
                .repartitionByRange(partitions, col("tenant"), col("surface"), col("dt"), col(ParsedEvents.HASH_HI));
        return select(dedupe ? dropExactDuplicates(accepted) : accepted, type);
    }

    /**
     * Accepted events in canonical columns, exact duplicates dropped (for the raw-popularity benchmark
     * path, which never writes them).
     */
    public static Dataset<Row> canonical(Dataset<Row> classified, EventType type, boolean dedupe) {
        Dataset<Row> accepted = classified.filter(col(STATUS).equalTo(lit(ACCEPTED)));
        return select(dedupe ? dropExactDuplicates(accepted) : accepted, type);
    }

    /**
     * Keeps one row per (tenant, surface, dt, fingerprint). Over rows range-partitioned by a prefix of
     * these keys this needs no further shuffle, and its one sort (by the keys, partition columns first)
     * is also the order the table writer needs, so the writer does not sort again.
     */
    static Dataset<Row> dropExactDuplicates(Dataset<Row> rows) {
        WindowSpec sameEvent = Window.partitionBy(col("tenant"), col("surface"), col("dt"), col(ParsedEvents.HASH_HI),
                col(ParsedEvents.HASH_LO)).orderBy(col(ParsedEvents.HASH_HI));
        return rows.withColumn(DUPLICATE_RANK, row_number().over(sameEvent))
                .filter(col(DUPLICATE_RANK).equalTo(lit(1)))
                .drop(DUPLICATE_RANK);
    }

    private static Dataset<Row> select(Dataset<Row> rows, EventType type) {
        return rows.select(columns(type).stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    }

    /**
     * The quarantined lines: file, reason and text (of a too-long line its start, and its length), with the
     * pair and the UTC day when the line gives them (the partition columns of the quarantine; null, Hive's
     * default partition, when it does not).
     */
    public static Dataset<Row> rejects(Dataset<Row> staged) {
        return staged.filter(col(STATUS).equalTo(lit(REJECTED)))
                .select(col(ParsedEvents.SOURCE_FILE), col(ParsedEvents.REJECT_REASON).as("reason"), col(ParsedEvents.RAW),
                        col(ParsedEvents.LINE_BYTES), col("tenant"), col("surface"), col("dt"));
    }

    /** Counts by status, reason and partition: bounded by reasons x pairs x days, never by events. */
    public static Dataset<Row> counts(Dataset<Row> staged) {
        return staged.groupBy(col(STATUS), col(ParsedEvents.REJECT_REASON), col("tenant"), col("surface"), col("dt"))
                .count();
    }
}
