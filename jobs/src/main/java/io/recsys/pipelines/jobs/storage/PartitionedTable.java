package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.common.storage.StorageFailures;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.run.PairFilter;
import io.recsys.pipelines.jobs.run.TenantSurface;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A Parquet table partitioned as {@code tenant=/surface=/dt=}, rewritten a window at a time: after a
 * run, the window's partitions in scope hold exactly the run's data, a day that lost its events
 * loses its partition, and re-runs never duplicate.
 *
 * <p>Dynamic partition overwrite is not an option: the S3A committers do not support it
 * (PathOutputCommitProtocol refuses it). So the files of the window's partitions in scope are
 * listed first, the new data is appended (the committer makes it visible at job commit, all at
 * once), and only then are the listed files and the partitions without new data deleted. A run
 * that fails before its commit leaves the table as it was; one that fails while deleting leaves
 * old and new files side by side in some partitions of its window (the run exits non-zero and
 * publishes nothing), and the next run of that window deletes both before anything reads them.
 */
public final class PartitionedTable {
    public static final String[] PARTITION_COLUMNS = {"tenant", "surface", "dt"};

    private final SparkSession spark;
    private final Path root;
    private final StructType schema;

    public PartitionedTable(SparkSession spark, Path root, StructType schema) {
        this.spark = spark;
        this.root = root;
        this.schema = schema;
    }

    public Path root() {
        return root;
    }

    /**
     * @param keep the (pair, day) partitions present in {@code data}; any other partition of a
     *             window day in {@code scope} is stale and removed after the write.
     */
    public void replaceWindow(Dataset<Row> data, DateWindow window, PairFilter scope, PartitionPredicate keep) {
        List<Path> previous = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(hadoopConf());
            for (Partition partition : partitionsInScope(fs, window, scope)) {
                for (FileStatus file : fs.listStatus(partition.path())) {
                    previous.add(file.getPath());
                }
            }
        } catch (IOException e) {
            throw StorageFailures.of("list", root, hadoopConf(), e);
        }
        CommittedWrites.run(spark, root,
                () -> data.write().mode(SaveMode.Append).partitionBy(PARTITION_COLUMNS).parquet(root.toString()));
        try {
            FileSystem fs = root.getFileSystem(hadoopConf());
            for (Path file : previous) {
                fs.delete(file, false);
            }
            for (Partition partition : partitionsInScope(fs, window, scope)) {
                if (!keep.test(partition.pair(), partition.day())) {
                    fs.delete(partition.path(), true);
                }
            }
        } catch (IOException e) {
            throw StorageFailures.of("remove replaced files under", root, hadoopConf(), e);
        }
    }

    /** Whether a (pair, day) partition holds data of this run. */
    @FunctionalInterface
    public interface PartitionPredicate {
        boolean test(TenantSurface pair, LocalDate day);
    }

    private record Partition(TenantSurface pair, LocalDate day, Path path) {
    }

    private List<Partition> partitionsInScope(FileSystem fs, DateWindow window, PairFilter scope) throws IOException {
        List<Partition> partitions = new ArrayList<>();
        for (LocalDate day : window.days()) {
            for (Path path : dayPartitions(fs, day)) {
                TenantSurface pair = pairOf(path);
                if (scope.matches(pair.tenant(), pair.surface())) {
                    partitions.add(new Partition(pair, day, path));
                }
            }
        }
        return partitions;
    }

    private List<Path> dayPartitions(FileSystem fs, LocalDate day) throws IOException {
        List<Path> paths = new ArrayList<>();
        FileStatus[] matches = fs.globStatus(new Path(root, "tenant=*/surface=*/dt=" + day));
        if (matches != null) {
            for (FileStatus match : matches) {
                if (match.isDirectory()) {
                    paths.add(match.getPath());
                }
            }
        }
        return paths;
    }

    private static TenantSurface pairOf(Path dayPartition) {
        Path surfaceDir = dayPartition.getParent();
        Path tenantDir = surfaceDir.getParent();
        return new TenantSurface(valueOf(tenantDir.getName()), valueOf(surfaceDir.getName()));
    }

    private static String valueOf(String partitionDirName) {
        return ExternalCatalogUtils.unescapePathName(partitionDirName.substring(partitionDirName.indexOf('=') + 1));
    }

    /** The rows of the window's days within scope; an empty Dataset when no day has a partition. */
    public Dataset<Row> readWindow(DateWindow window, PairFilter scope) {
        List<String> paths = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(hadoopConf());
            for (LocalDate day : window.days()) {
                if (!dayPartitions(fs, day).isEmpty()) {
                    paths.add(new Path(root, "tenant=*/surface=*/dt=" + day).toString());
                }
            }
        } catch (IOException e) {
            throw StorageFailures.of("list", root, hadoopConf(), e);
        }
        if (paths.isEmpty()) {
            return spark.createDataFrame(List.of(), schema);
        }
        return spark.read().schema(schema).option("basePath", root.toString())
                .parquet(paths.toArray(String[]::new))
                .filter(scope.asColumn());
    }

    private Configuration hadoopConf() {
        return spark.sparkContext().hadoopConfiguration();
    }
}
