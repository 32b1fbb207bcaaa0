package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.common.storage.StorageFailures;
import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.jobs.storage.DeltaVersions;
import io.recsys.pipelines.jobs.storage.ReplacePredicate;
import io.recsys.pipelines.jobs.storage.TableConflicts;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The durable record of which days were canonicalized for which (tenant, surface) scope: a small
 * Delta table {@code <canonical>/canonicalized_days} with one row per (scope, day), scope values
 * {@code *} meaning "every tenant/surface". A day with zero events of a pair is legitimate, so the
 * data alone cannot tell "canonicalized, empty" from "never canonicalized"; this table can.
 *
 * <p>A run records its days after the canonical and aggregate commits of those days, so a record
 * never claims a day whose data is not committed (a crash in between leaves the day unrecorded,
 * and the next run that needs it canonicalizes it again). A record of scope S covers a request of
 * scope R when S is "*" or equal to R, per field.
 */
public final class CanonicalizedDays {
    public static final String NAME = "canonical/canonicalized_days";
    public static final String ALL = "*";
    static final StructType SCHEMA = new StructType()
            .add("scope_tenant", DataTypes.StringType, false)
            .add("scope_surface", DataTypes.StringType, false)
            .add("dt", DataTypes.DateType, false)
            .add("run_id", DataTypes.StringType, false)
            .add("recorded_at", DataTypes.TimestampType, false);

    private final SparkSession spark;
    private final Path root;

    public CanonicalizedDays(SparkSession spark, Path root) {
        this.spark = spark;
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public boolean exists() {
        return DeltaVersions.isTable(spark.sparkContext().hadoopConfiguration(), root);
    }

    public OptionalLong latestVersion() {
        return exists() ? OptionalLong.of(DeltaVersions.latest(spark, root)) : OptionalLong.empty();
    }

    /** The days among {@code days} that a record covers for {@code scope}. */
    public SortedSet<LocalDate> covered(Collection<LocalDate> days, PairFilter scope) {
        SortedSet<LocalDate> covered = new TreeSet<>();
        if (days.isEmpty() || !exists()) {
            return covered;
        }
        Column tenant = col("scope_tenant").equalTo(lit(ALL));
        if (scope.tenant() != null) {
            tenant = tenant.or(col("scope_tenant").equalTo(lit(scope.tenant())));
        }
        Column surface = col("scope_surface").equalTo(lit(ALL));
        if (scope.surface() != null) {
            surface = surface.or(col("scope_surface").equalTo(lit(scope.surface())));
        }
        for (Row row : spark.read().format("delta").load(root.toString())
                .filter(col("dt").isin(days.stream().map(d -> lit(Date.valueOf(d))).toArray()))
                .filter(tenant.and(surface)).select(col("dt")).distinct().collectAsList()) {
            covered.add(row.getDate(0).toLocalDate());
        }
        return covered;
    }

    /** Records {@code days} as canonicalized for {@code scope} in one commit; returns its version. */
    public long record(Collection<LocalDate> days, PairFilter scope, String runId) {
        String scopeTenant = scope.tenant() == null ? ALL : scope.tenant();
        String scopeSurface = scope.surface() == null ? ALL : scope.surface();
        Timestamp now = Timestamp.from(Instant.now());
        List<Row> rows = new ArrayList<>();
        for (LocalDate day : new TreeSet<>(days)) {
            rows.add(RowFactory.create(scopeTenant, scopeSurface, Date.valueOf(day), runId, now));
        }
        String predicate = ReplacePredicate.of(days, PairFilter.ALL) + " AND scope_tenant = "
                + ReplacePredicate.literal(scopeTenant) + " AND scope_surface = " + ReplacePredicate.literal(scopeSurface);
        String commitId = "run=" + runId + " canonicalized days commit=" + UUID.randomUUID();
        try {
            spark.createDataFrame(rows, SCHEMA).coalesce(1).write().format("delta").mode(SaveMode.Overwrite)
                    .option("replaceWhere", predicate)
                    .option("partitionOverwriteMode", "static")
                    .option("userMetadata", commitId)
                    .partitionBy("scope_tenant", "scope_surface", "dt")
                    .save(root.toString());
        } catch (RuntimeException e) {
            throw TableConflicts.ifConflict(e, NAME, root, predicate).orElseGet(() ->
                    StorageFailures.ofIfStorage("write", root, spark.sparkContext().hadoopConfiguration(), e));
        }
        return DeltaVersions.committed(spark, root, commitId);
    }
}
