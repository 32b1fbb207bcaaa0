package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.jobs.aggregate.DailyAggregates;
import io.recsys.pipelines.jobs.run.TenantSurface;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A day with 100,000 items, streamed from Spark into PostgreSQL and replaced twice (the second
 * replace also deletes the first one's 200,000 rows). Prints rows/s; the target is 50,000 rows/s
 * into a local PostgreSQL, but a shared test machine's speed is no verdict, so it is not asserted.
 */
@ExtendWith({SharedSpark.class, EmbeddedPostgresExtension.class})
class DbLoadThroughputTest {
    static final int ITEMS = 100_000;
    static final LocalDate DAY = LocalDate.parse("2026-01-01");

    /**
     * Each item shown in two sessions, each session holding the pair of items 2j and 2j+1: every item
     * gets popularity 2 and exactly one neighbour with count 2, so 100,000 rows in each table.
     */
    private static Dataset<Row> exposures(SparkSession spark) {
        return spark.range(0, 2L * ITEMS).select(lit("shop").as("tenant"), lit("home").as("surface"),
                lit(Date.valueOf(DAY)).as("dt"),
                concat(lit("s"), col("id").mod(ITEMS).divide(2).cast("long"), lit("-"), col("id").divide(ITEMS).cast("long"))
                        .as("session_id"),
                format_string("item-%06d", col("id").mod(ITEMS)).as("item_id"));
    }

    @Test
    void aHundredThousandItemDayLoadsWholeAndPrintsRowsPerSecond(SparkSession spark, TestDatabase db) throws Exception {
        PipelineConfig config = ConfigLoader.load(null, List.of());
        UUID shop = db.addTenant("shop");
        Map<TenantSurface, UUID> pairs = new TreeMap<>(Map.of(new TenantSurface("shop", "home"), shop));
        Dataset<Row> exposures = exposures(spark).cache();
        Dataset<Row> aggregates = DailyAggregates.compute(exposures, null);

        try (Connection c = db.connect()) {
            DailySignalTables tables = new DailySignalTables(c);
            for (String pass : List.of("into an empty day", "replacing the same day")) {
                long start = System.nanoTime();
                DailySignalTables.DayLoad load = tables.replace(DAY, pairs,
                        DaySignals.popularity(aggregates, config).toLocalIterator(),
                        DaySignals.covisits(exposures, config).toLocalIterator());
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "100,000-item day %s: %d rows, %.2fs in PostgreSQL = %d rows/s "
                                + "(COPY to staging + one DELETE/INSERT transaction); %.2fs with Spark = %d rows/s end to end%n",
                        pass, load.totalRows(), load.dbNanos() / 1e9, load.rowsPerSecond(), seconds,
                        Math.round(load.totalRows() / seconds));
                assertEquals(new DailySignalTables.PairRows(ITEMS, ITEMS), load.rows().get(new TenantSurface("shop", "home")));
            }
        } finally {
            exposures.unpersist();
        }
        assertEquals(ITEMS, db.count("SELECT count(*) FROM item_popularity_daily WHERE tenant_id = ? AND day = ?", shop, DAY));
        assertEquals(2L * ITEMS, db.count("SELECT sum(score)::bigint FROM item_popularity_daily"));
        assertEquals(ITEMS, db.count("SELECT count(*) FROM item_covisit_daily WHERE score = 2"));
        assertEquals(1, db.count("SELECT count(*) FROM item_covisit_daily WHERE item_id = 'item-099999' AND neighbor_id = 'item-099998'"));
    }
}
