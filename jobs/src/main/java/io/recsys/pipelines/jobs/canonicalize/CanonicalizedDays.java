package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.common.storage.StorageFailures;
import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.jobs.storage.DeltaVersions;
import io.recsys.pipelines.jobs.storage.ReplacedPartitions;
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
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The durable record of which days were canonicalized for which (tenant, surface) scope: a small
 * Delta table {@code <canonical>/canonicalized_days} with rows (scope, day), scope values {@code *}
 * meaning "every tenant/surface". A day with zero events of a pair is legitimate, so the data alone
 * cannot tell "canonicalized, empty" from "never canonicalized"; this table can.
 *
 * <p>A run records what it replaced ({@link ReplacedPartitions#coverage}): each pair its input held
 * on each day, or the scope of an explicitly owned whole day. Records are only ever appended (a
 * blind append never conflicts with another driver's), so a day's records are the union of every
 * run's. A run records its days after the canonical and aggregate commits, so a record never claims
 * a day whose data is not committed (a crash in between leaves the day unrecorded, and the next run
 * that needs it canonicalizes it again).
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

    /**
     * The days among {@code days} canonicalized for at least part of {@code scope}: a record of a pair,
     * or of a wider or narrower scope, that overlaps it. Which pairs of the scope a day covers is
     * {@link #coverage}'s to say, pair by pair.
     */
    public SortedSet<LocalDate> covered(Collection<LocalDate> days, PairFilter scope) {
        SortedSet<LocalDate> covered = new TreeSet<>();
        coverage(days).forEach((day, records) -> {
            if (records.stream().anyMatch(r -> overlaps(r, scope))) {
                covered.add(day);
            }
        });
        return covered;
    }

    /** The records of {@code days}: per day, the scopes canonicalized (a null name meaning every one). */
    public SortedMap<LocalDate, Set<PairFilter>> coverage(Collection<LocalDate> days) {
        SortedMap<LocalDate, Set<PairFilter>> coverage = new TreeMap<>();
        if (days.isEmpty() || !exists()) {
            return coverage;
        }
        // Bounded by pairs x days, never by events.
        for (Row row : spark.read().format("delta").load(root.toString())
                .filter(col("dt").isin(days.stream().map(d -> lit(Date.valueOf(d))).toArray()))
                .select(col("scope_tenant"), col("scope_surface"), col("dt")).distinct().collectAsList()) {
            coverage.computeIfAbsent(row.getDate(2).toLocalDate(), d -> new HashSet<>())
                    .add(new PairFilter(wildcard(row.getString(0)), wildcard(row.getString(1))));
        }
        return coverage;
    }

    private static boolean overlaps(PairFilter a, PairFilter b) {
        return (a.tenant() == null || b.tenant() == null || a.tenant().equals(b.tenant()))
                && (a.surface() == null || b.surface() == null || a.surface().equals(b.surface()));
    }

    private static String wildcard(String value) {
        return ALL.equals(value) ? null : value;
    }

    /** Records {@code days} as canonicalized for every pair of {@code scope}; returns the version. */
    public long record(Collection<LocalDate> days, PairFilter scope, String runId) {
        SortedMap<LocalDate, List<PairFilter>> coverage = new TreeMap<>();
        days.forEach(d -> coverage.put(d, List.of(scope)));
        return record(coverage, runId);
    }

    /** Appends the records of {@code coverage} in one commit; returns its version. */
    public long record(SortedMap<LocalDate, List<PairFilter>> coverage, String runId) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Row> rows = new ArrayList<>();
        coverage.forEach((day, scopes) -> scopes.forEach(scope -> rows.add(RowFactory.create(
                scope.tenant() == null ? ALL : scope.tenant(), scope.surface() == null ? ALL : scope.surface(),
                Date.valueOf(day), runId, now))));
        String commitId = "run=" + runId + " canonicalized days commit=" + UUID.randomUUID();
        boolean existed = exists();
        TableConflicts.writeRetryingCreationRace(existed, () -> append(rows, commitId, existed),
                () -> append(rows, commitId, true), this::failure);
        return DeltaVersions.committed(spark, root, commitId);
    }

    private void append(List<Row> rows, String commitId, boolean tableExists) {
        var writer = spark.createDataFrame(rows, SCHEMA).coalesce(1).write().format("delta").mode(SaveMode.Append)
                .option("userMetadata", commitId);
        // By day: a run records a file per day, not per pair. A table made before keeps its own
        // partitioning (an append names none, so Delta takes the table's).
        (tableExists ? writer : writer.partitionBy("dt")).save(root.toString());
    }

    private RuntimeException failure(RuntimeException e) {
        return TableConflicts.ifConflict(e, NAME, root, "append").orElseGet(() ->
                StorageFailures.ofIfStorage("write", root, spark.sparkContext().hadoopConfiguration(), e));
    }
}
