package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.jobs.spark.PairColumns;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.StorageFailures;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.common.pair.PairFilter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * A Delta table partitioned by {@code tenant/surface/dt}, rewritten a set of days at a time.
 *
 * <p>{@link #replace} is one {@code replaceWhere} overwrite: the rows of the replaced partitions
 * ({@link ReplacedPartitions}: by default the (pair, day) partitions the run's input holds) are
 * removed and the new rows added in a single Delta commit, so a reader (or a later run) sees all of
 * the old rows or all of the new, whenever the writer dies. Files written before the commit are invisible until it lands and are
 * removed by {@code table vacuum}. Two runs replacing overlapping partitions cannot both commit:
 * Delta's optimistic concurrency check fails the second, which becomes exit 6 here.
 */
public final class PartitionedTable {
    public static final String[] PARTITION_COLUMNS = {"tenant", "surface", "dt"};
    public static final String LOG_FOLDER = "_delta_log";

    private final SparkSession spark;
    private final Path root;
    private final StructType schema;
    private final String name;

    public PartitionedTable(SparkSession spark, Path root, StructType schema, String name) {
        this.spark = spark;
        this.root = root;
        this.schema = schema;
        this.name = name;
    }

    public PartitionedTable(SparkSession spark, Path root, StructType schema) {
        this(spark, root, schema, root.getName());
    }

    public Path root() {
        return root;
    }

    /** The name operators use for it: canonical/exposures, canonical/outcomes, aggregates. */
    public String name() {
        return name;
    }

    public StructType schema() {
        return schema;
    }

    public boolean isDelta() {
        return DeltaVersions.isTable(hadoopConf(), root);
    }

    /**
     * A store written by the Parquet-only version (partition folders, no transaction log) cannot be
     * replaced atomically; it must be converted once, explicitly, before any run writes to it.
     */
    public void requireNotPlainParquet() {
        if (isDelta() || !hasEntries(root)) {
            return;
        }
        throw PipelineException.usage(name + " at " + root + " is a plain Parquet table from an earlier version (it has "
                + "partition folders but no " + LOG_FOLDER + "/). Convert it once with `recsys-pipelines table convert "
                + "--table all` (same --config/--set as your runs; see README, \"Converting a Parquet store\"), then re-run.");
    }

    /**
     * Replaces the rows of {@code partitions} by {@code data} in one commit and returns the version it
     * committed. {@code data} must only hold rows of those partitions (Delta checks it). Concurrent runs
     * replacing disjoint partitions both commit: Delta's conflict check compares their predicates.
     */
    public long replace(Dataset<Row> data, ReplacedPartitions partitions, String description) {
        String predicate = partitions.predicate();
        String commitId = description + " commit=" + UUID.randomUUID();
        // Another driver may create the table first (runs of other pairs, same fresh store): then it exists.
        TableConflicts.writeRetryingCreationRace(isDelta(), () -> write(data, predicate, commitId),
                () -> write(data, predicate, commitId), e -> failure(e, predicate));
        return DeltaVersions.committed(spark, root, commitId);
    }

    private void write(Dataset<Row> data, String predicate, String commitId) {
        data.write().format("delta").mode(SaveMode.Overwrite)
                .option("replaceWhere", predicate)
                // Dynamic partition overwrite (a session default here) and replaceWhere exclude each other.
                .option("partitionOverwriteMode", "static")
                .option("userMetadata", commitId)
                .partitionBy(PARTITION_COLUMNS)
                .save(root.toString());
    }

    private RuntimeException failure(RuntimeException e, String predicate) {
        return TableConflicts.ifConflict(e, name, root, predicate).orElseGet(() ->
                StorageFailures.ofIfStorage("write", root, hadoopConf(), e));
    }

    /** The newest committed version; empty when the table does not exist yet. */
    public OptionalLong latestVersion() {
        return isDelta() ? OptionalLong.of(DeltaVersions.latest(spark, root)) : OptionalLong.empty();
    }

    /**
     * The rows of {@code days} within {@code scope} as of {@code version} (time travel: what a run read
     * stays readable until vacuumed), or as of now when empty; an empty Dataset when there is no table.
     */
    public Dataset<Row> readDays(Collection<LocalDate> days, PairFilter scope, OptionalLong version) {
        if (days.isEmpty() || !isDelta()) {
            return spark.createDataFrame(List.of(), schema);
        }
        var reader = spark.read().format("delta");
        if (version.isPresent()) {
            reader = reader.option("versionAsOf", version.getAsLong());
        }
        return reader.load(root.toString())
                .filter(col("dt").isin(days.stream().map(d -> lit(java.sql.Date.valueOf(d))).toArray()))
                .filter(PairColumns.matching(scope))
                .select(java.util.Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new));
    }

    /** The rows of the window's days within scope, as of now. */
    public Dataset<Row> readWindow(DateWindow window, PairFilter scope) {
        return readDays(window.days(), scope, OptionalLong.empty());
    }

    private boolean exists(Path path) {
        try {
            return path.getFileSystem(hadoopConf()).exists(path);
        } catch (IOException e) {
            throw StorageFailures.of("read", path, hadoopConf(), e);
        }
    }

    private boolean hasEntries(Path folder) {
        try {
            FileSystem fs = folder.getFileSystem(hadoopConf());
            if (!fs.exists(folder)) {
                return false;
            }
            for (FileStatus child : fs.listStatus(folder)) {
                String n = child.getPath().getName();
                if (!n.startsWith(".") && !n.startsWith("_")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw StorageFailures.of("list", folder, hadoopConf(), e);
        }
    }

    private Configuration hadoopConf() {
        return spark.sparkContext().hadoopConfiguration();
    }
}
