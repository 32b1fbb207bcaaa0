package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.common.errors.PipelineException;
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
 * A Parquet table partitioned as {@code tenant=/surface=/dt=}, rewritten a window at a time:
 * the partitions of the new data replace the old ones (dynamic partition overwrite), and any
 * other partition of a window day in the run's scope is deleted, so a day that lost its events
 * loses its partition and re-runs never duplicate.
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
        data.write().mode(SaveMode.Overwrite).partitionBy(PARTITION_COLUMNS).parquet(root.toString());
        removeStale(window, scope, keep);
    }

    /** Whether a (pair, day) partition holds data of this run. */
    @FunctionalInterface
    public interface PartitionPredicate {
        boolean test(TenantSurface pair, LocalDate day);
    }

    private void removeStale(DateWindow window, PairFilter scope, PartitionPredicate keep) {
        try {
            FileSystem fs = root.getFileSystem(hadoopConf());
            for (LocalDate day : window.days()) {
                for (Path partition : dayPartitions(fs, day)) {
                    TenantSurface pair = pairOf(partition);
                    if (scope.matches(pair.tenant(), pair.surface()) && !keep.test(pair, day)) {
                        fs.delete(partition, true);
                    }
                }
            }
        } catch (IOException e) {
            throw PipelineException.storage("cannot clean stale partitions under " + root + ": " + e.getMessage(), e);
        }
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
            throw PipelineException.storage("cannot list " + root + ": " + e.getMessage(), e);
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
