package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.errors.PipelineException;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.aggregate.AggregateStage;
import io.recsys.pipelines.jobs.canonicalize.CanonicalStore;
import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.jobs.run.RunPipeline;
import io.recsys.pipelines.jobs.run.RunReport;
import io.recsys.pipelines.jobs.run.StageTimer;
import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.apache.spark.sql.functions.col;

/**
 * The work of DB mode in one SparkSession: canonicalize and aggregate the days exactly as `run`
 * does, then day by day stream each day's popularity and co-visitation rows from Spark (one
 * partition at a time) into PostgreSQL and replace that day for every (tenant, surface) of the run.
 * A pair that has events anywhere in the run's days has each of those days replaced, with no rows
 * on a day without events; pairs outside the run's data are never touched.
 */
final class DbSignalsPipeline {
    private final SparkSession spark;
    private final PipelineConfig config;
    private final DbTarget target;
    private final RunReport report;

    private Map<TenantSurface, String> refused = Map.of();

    DbSignalsPipeline(SparkSession spark, PipelineConfig config, DbTarget target, RunReport report) {
        this.spark = spark;
        this.config = config;
        this.target = target;
        this.report = report;
    }

    List<DailySignalTables.DayLoad> execute(DateWindow days, PairFilter scope) {
        CanonicalStore canonical = new CanonicalStore(spark, Locations.resolve(config.storage().canonical()));
        AggregateStage aggregate = new AggregateStage(spark, canonical, Locations.resolve(config.storage().aggregates()));
        refused = RunPipeline.canonicalizeAndAggregate(spark, config, report, canonical, aggregate, days, scope)
                .canonicalized().refused();
        List<TenantSurface> pairs = new ArrayList<>();
        for (Row row : aggregate.table().readWindow(days, scope).select(col("tenant"), col("surface")).distinct()
                .collectAsList()) {
            pairs.add(new TenantSurface(row.getString(0), row.getString(1)));
        }
        StageTimer timer = new StageTimer(report);
        try (Connection connection = target.connect()) {
            Map<TenantSurface, UUID> resolved = tenantIds(connection, pairs);
            TenantAliases aliases = TenantAliases.of(resolved);
            Map<TenantSurface, UUID> pairIds = aliases.merge(resolved);
            DailySignalTables tables = new DailySignalTables(connection);
            List<DailySignalTables.DayLoad> loads = new ArrayList<>();
            for (LocalDate day : days.days()) {
                DateWindow oneDay = new DateWindow(day, day);
                loads.add(timer.time("db " + day, () -> {
                    try {
                        return tables.replace(day, pairIds,
                                DaySignals.popularity(aliases.apply(aggregate.table().readWindow(oneDay, scope)), config)
                                        .toLocalIterator(),
                                DaySignals.covisits(aliases.apply(canonical.table(EventType.EXPOSURE)
                                        .readWindow(oneDay, scope)), config).toLocalIterator());
                    } catch (SQLException e) {
                        throw DbFailures.of(target, "replacing day " + day, e);
                    }
                }, DbSignalsPipeline::details));
            }
            return loads;
        } catch (SQLException e) {
            throw DbFailures.of(target, "preparing the load", e);
        }
    }

    /**
     * After {@link #execute}: the run's failure (exit 3) when pairs were over their reject budget. Their
     * canonical rows and aggregates were not replaced, so the load wrote what the store already had.
     */
    java.util.Optional<PipelineException> refusal() {
        if (refused.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(PipelineException.inputRejected(refused.size() + " (tenant, surface) pair(s) over "
                + "their reject budget: nothing new of theirs was stored, their database rows are what the store "
                + "already held (every other pair was loaded as usual): " + String.join("; ", refused.values())));
    }

    private Map<TenantSurface, UUID> tenantIds(Connection connection, List<TenantSurface> pairs) throws SQLException {
        TreeSet<String> tenants = new TreeSet<>();
        pairs.forEach(p -> tenants.add(p.tenant()));
        Map<String, UUID> ids = Tenants.resolve(connection, target, tenants, config.db().autoCreateTenant());
        Map<TenantSurface, UUID> pairIds = new TreeMap<>();
        pairs.forEach(p -> pairIds.put(p, ids.get(p.tenant())));
        return pairIds;
    }

    private static Map<String, Object> details(DailySignalTables.DayLoad load) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("pairs", load.rows().size());
        d.put("popularity_rows", load.rows().values().stream().mapToLong(DailySignalTables.PairRows::popularity).sum());
        d.put("covisit_rows", load.rows().values().stream().mapToLong(DailySignalTables.PairRows::covisits).sum());
        d.put("db_seconds", Math.round(load.dbNanos() / 1e6) / 1e3);
        d.put("rows_per_second", load.rowsPerSecond());
        return d;
    }
}
