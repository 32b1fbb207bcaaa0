package io.recsys.pipelines.jobs.tables;

import io.recsys.pipelines.jobs.storage.DeltaVersions;

import io.recsys.pipelines.jobs.storage.PartitionedTable;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.StorageFailures;
import io.recsys.pipelines.jobs.canonicalize.CanonicalStore;
import io.recsys.pipelines.jobs.canonicalize.StagingRecord;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizedDays;
import io.recsys.pipelines.common.pair.PairFilter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;

/** What `table history|vacuum|optimize|convert` does to one table, printing one line per result. */
public final class TableMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger("recsys.pipelines");
    private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
    /**
     * VACUUM lists the table's folders in a job of this many tasks, whatever the table's size: 10,000
     * by Spark's default, which cost 75 s for a table of four files in local mode (measured). Unless
     * the operator set it, vacuum uses four tasks per task slot: listing waits on the store more than
     * on a core, and the work grows with the table's folders, not with a constant.
     */
    private static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";
    private final SparkSession spark;
    private final PrintStream out;

    public TableMaintenance(SparkSession spark, PrintStream out) {
        this.spark = spark;
        this.out = out;
    }

    public void history(StoreTables.Table table, int limit) {
        if (!present(table)) {
            return;
        }
        out.println(table.name() + " (" + table.root() + "):");
        for (Row row : DeltaVersions.history(spark, table.root(), limit)
                .select(col("version"), col("timestamp"), col("operation"), col("operationParameters"),
                        col("userMetadata"), col("operationMetrics")).collectAsList()) {
            out.printf("  version %d  %s  %s %s%s%n", row.getLong(0), row.getTimestamp(1).toInstant(), row.getString(2),
                    row.getMap(3), row.isNullAt(4) ? "" : "  [" + row.getString(4) + "]");
        }
    }

    /** Deletes files no version of the retention's last hours needs (time travel back that far stays). */
    public void vacuum(StoreTables.Table table, VacuumRetention retention) {
        if (!present(table)) {
            return;
        }
        int retainHours = retention.hours();
        String check = spark.conf().get(RETENTION_CHECK, "true");
        boolean operatorListing = operatorSet(LISTING_PARALLELISM);
        try {
            // Delta's own check stays on unless --force accepted a retention below its safety interval.
            if (retention.overridesSafetyCheck()) {
                LOG.warn("[table] {}: Delta's retention safety check ({} h) overridden by --force: vacuum keeps the files "
                        + "of the last {} hours only", table.name(), VacuumRetention.DELTA_SAFETY_HOURS, retainHours);
            }
            spark.conf().set(RETENTION_CHECK, String.valueOf(!retention.overridesSafetyCheck()));
            if (!operatorListing) {
                spark.conf().set(LISTING_PARALLELISM, String.valueOf(4 * spark.sparkContext().defaultParallelism()));
            }
            spark.sql("VACUUM " + DeltaVersions.tableRef(table.root()) + " RETAIN " + retainHours + " HOURS").collectAsList();
        } finally {
            spark.conf().set(RETENTION_CHECK, check);
            if (!operatorListing) {
                spark.conf().unset(LISTING_PARALLELISM);
            }
        }
        out.println(table.name() + ": vacuumed, keeping the files of every version of the last " + retainHours + " hours");
    }

    private boolean operatorSet(String key) {
        return spark.sparkContext().getConf().contains(key) || spark.sessionState().conf().contains(key);
    }

    /**
     * Removes what runs that crashed left in the canonical store's _staging/ folder, once their last sign
     * of life ({@link StagingRecord#lastAlive}) is older than the retention; a run alive in the last
     * {@link StagingRecord#LIVE_MILLIS} is never touched, whatever the retention.
     */
    public void removeStaleStaging(CanonicalStore store, int retainHours) {
        long now = System.currentTimeMillis();
        long cutoff = Math.min(now - retainHours * 3_600_000L, now - StagingRecord.LIVE_MILLIS);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        for (Map.Entry<Path, Long> run : stagedRuns(store, "clean").entrySet()) {
            if (run.getValue() < cutoff) {
                try {
                    run.getKey().getFileSystem(conf).delete(run.getKey(), true);
                } catch (IOException e) {
                    throw StorageFailures.of("clean", run.getKey(), conf, e);
                }
                out.println("removed the staging folder of an interrupted run: " + run.getKey());
            }
        }
    }

    /**
     * The runs writing to the canonical store now: those whose staging record showed life in the last
     * {@link StagingRecord#LIVE_MILLIS}. Their data files may already sit in a table's folders, not
     * yet committed.
     */
    public List<String> liveRuns(CanonicalStore store) {
        long alive = System.currentTimeMillis() - StagingRecord.LIVE_MILLIS;
        List<String> live = new ArrayList<>();
        stagedRuns(store, "list").forEach((run, lastAlive) -> {
            if (lastAlive >= alive) {
                live.add(run.getName());
            }
        });
        return live;
    }

    /** Each run folder of the canonical store's _staging/, with when its run last showed life. */
    private Map<Path, Long> stagedRuns(CanonicalStore store, String action) {
        Path staging = new Path(store.root(), CanonicalStore.STAGING);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Map<Path, Long> runs = new LinkedHashMap<>();
        try {
            FileSystem fs = staging.getFileSystem(conf);
            if (fs.exists(staging)) {
                for (FileStatus run : fs.listStatus(staging)) {
                    runs.put(run.getPath(), StagingRecord.lastAlive(fs, run));
                }
            }
            return runs;
        } catch (IOException e) {
            throw StorageFailures.of(action, staging, conf, e);
        }
    }

    /**
     * Deletes the quarantine of runs older than {@code retainDays} (tables.rejects_retain_days): each
     * run's {@code rejects/<stream>/run=<run id>/} folder, aged by the start time its run id carries, or
     * by its newest file when the id has none; never by a folder's own time (0 on S3A).
     */
    public void removeOldRejects(CanonicalStore store, int retainDays) {
        Path rejects = new Path(store.root(), CanonicalStore.REJECTS);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        long cutoff = System.currentTimeMillis() - retainDays * 86_400_000L;
        try {
            FileSystem fs = rejects.getFileSystem(conf);
            if (!fs.exists(rejects)) {
                return;
            }
            int removed = 0;
            for (FileStatus stream : fs.listStatus(rejects)) {
                for (FileStatus run : fs.listStatus(stream.getPath())) {
                    if (runStarted(fs, run) < cutoff) {
                        fs.delete(run.getPath(), true);
                        removed++;
                    }
                }
            }
            out.println("rejects: removed the quarantine of " + removed + " run(s) older than " + retainDays
                    + " days (tables.rejects_retain_days)");
        } catch (IOException e) {
            throw StorageFailures.of("clean", rejects, conf, e);
        }
    }

    /** A run=<id> folder's run start (ids begin with yyyyMMdd'T'HHmmss'Z'), else its newest file's time. */
    private static long runStarted(FileSystem fs, FileStatus folder) throws IOException {
        String name = folder.getPath().getName();
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("run=(\\d{8}T\\d{6}Z)-.*").matcher(name);
        if (id.matches()) {
            return java.time.LocalDateTime.parse(id.group(1), java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                    .toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
        }
        return StagingRecord.lastAlive(fs, folder);
    }

    /** Compacts small files (e.g. of many short runs) into larger ones; a new version, same rows. */
    public void optimize(StoreTables.Table table) {
        if (!present(table)) {
            return;
        }
        Row metrics = spark.sql("OPTIMIZE " + DeltaVersions.tableRef(table.root()))
                .select(col("metrics.numFilesAdded"), col("metrics.numFilesRemoved")).first();
        out.println(table.name() + ": optimized, " + metrics.getLong(1) + " files compacted into " + metrics.getLong(0));
    }

    /**
     * Converts a plain Parquet table of the earlier version in place with CONVERT TO DELTA (the existing
     * files become version 0, nothing is rewritten). Delta 4.1.0 on Spark 4.1.2 cannot: its converter
     * calls a Parquet schema constructor Spark 4.1.2 does not have (NoSuchMethodError, measured); then
     * the table's rows are read once and committed as version 0 of a Delta table at the same place, the
     * old files left untracked until `table vacuum` deletes them. The days found in canonical/exposures
     * are recorded as canonicalized for every pair, as the runs that wrote them had done.
     */
    public void convert(StoreTables.Table table, CanonicalStore canonical) {
        if (isDelta(table)) {
            out.println(table.name() + ": already a Delta table, nothing to convert");
            return;
        }
        if (!table.convertible() || !exists(table.root())) {
            out.println(table.name() + ": not there, nothing to convert");
            return;
        }
        List<String> live = liveRuns(canonical);
        if (!live.isEmpty()) {
            // A first commit in progress looks exactly like a Parquet table of the earlier version:
            // converting it would adopt files the run has not committed, and the run would then conflict.
            throw new PipelineException(ExitCode.CONFLICT, table.name() + ": not converted, " + live.size()
                    + " run(s) are writing to the canonical store now (" + String.join(", ", live) + "); their "
                    + "uncommitted files would become part of the table. Convert when no run is in progress.");
        }
        try {
            spark.sql("CONVERT TO DELTA parquet.`" + table.root().toString().replace("`", "``") + "` PARTITIONED BY ("
                    + table.parquetPartitions() + ")").collectAsList();
            out.println(table.name() + ": converted to Delta in place (version 0 holds the existing Parquet files)");
        } catch (Exception e) {
            // Spark's job failure (SparkException) is a checked exception that Scala code throws undeclared.
            if (!isLinkageError(e) || isDelta(table)) {
                throw e instanceof RuntimeException r ? r
                        : new IllegalStateException("CONVERT TO DELTA failed for " + table.root() + ": " + e.getMessage(), e);
            }
            deleteEmptyLog(table);
            spark.read().schema(table.schema()).option("basePath", table.root().toString()).parquet(table.root().toString())
                    .write().format("delta").mode(SaveMode.Append)
                    .option("userMetadata", "table convert: rows of the Parquet table")
                    .partitionBy(PartitionedTable.PARTITION_COLUMNS).save(table.root().toString());
            out.println(table.name() + ": converted to Delta by rewriting its rows (this Delta build cannot CONVERT TO "
                    + "DELTA in place on this Spark); the old Parquet files stay untracked until `table vacuum`");
        }
        if (table.root().equals(canonical.table(io.recsys.pipelines.common.events.EventType.EXPOSURE).root())) {
            SortedSet<LocalDate> days = new TreeSet<>();
            for (Row row : spark.read().format("delta").load(table.root().toString()).select(col("dt")).distinct()
                    .collectAsList()) {
                days.add(row.getDate(0).toLocalDate());
            }
            if (!days.isEmpty()) {
                CanonicalizedDays recorded = canonical.canonicalizedDays();
                recorded.record(days, PairFilter.ALL, "table-convert");
                out.println(CanonicalizedDays.NAME + ": recorded " + days.size() + " converted day(s) " + range(days)
                        + " as canonicalized for every (tenant, surface)");
            }
        }
    }

    private static boolean isLinkageError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LinkageError || String.valueOf(t.getMessage()).contains("NoSuchMethodError")) {
                return true;
            }
        }
        return false;
    }

    /** A failed CONVERT may leave an empty _delta_log/ behind; a Delta table starts with a commit, not a folder. */
    private void deleteEmptyLog(StoreTables.Table table) {
        Path log = new Path(table.root(), PartitionedTable.LOG_FOLDER);
        try {
            FileSystem fs = log.getFileSystem(conf());
            if (fs.exists(log)) {
                fs.delete(log, true);
            }
        } catch (IOException e) {
            throw StorageFailures.of("clean", log, conf(), e);
        }
    }

    private static String range(SortedSet<LocalDate> days) {
        return days.size() == 1 ? days.first().toString() : days.first() + ".." + days.last();
    }

    private boolean present(StoreTables.Table table) {
        if (isDelta(table)) {
            return true;
        }
        out.println(table.name() + ": " + (exists(table.root()) && table.convertible()
                ? "files but no Delta log yet: either a run's first commit is in progress, or a plain Parquet "
                + "table of an earlier version (`table convert`, when no run is in progress)"
                : "no table yet at " + table.root()));
        return false;
    }

    private boolean isDelta(StoreTables.Table table) {
        return DeltaVersions.isTable(conf(), table.root());
    }

    private boolean exists(Path path) {
        try {
            FileSystem fs = path.getFileSystem(conf());
            if (!fs.exists(path)) {
                return false;
            }
            FileStatus status = fs.getFileStatus(path);
            if (!status.isDirectory()) {
                return true;
            }
            List<FileStatus> visible = java.util.Arrays.stream(fs.listStatus(path))
                    .filter(s -> !s.getPath().getName().startsWith(".")).toList();
            return !visible.isEmpty();
        } catch (IOException e) {
            throw StorageFailures.of("read", path, conf(), e);
        }
    }

    private Configuration conf() {
        return spark.sparkContext().hadoopConfiguration();
    }
}
