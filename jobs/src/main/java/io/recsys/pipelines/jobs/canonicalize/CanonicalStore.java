package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.storage.StorageFailures;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.storage.PartitionedTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;

/** The layout of the canonical store: exposures/, outcomes/ and rejects/ under one root. */
public final class CanonicalStore {
    private final SparkSession spark;
    private final Path root;

    public CanonicalStore(SparkSession spark, Path root) {
        this.spark = spark;
        this.root = root;
    }

    public PartitionedTable table(EventType type) {
        return new PartitionedTable(spark, new Path(root, CanonicalizeStage.streamName(type)), CanonicalSchemas.of(type));
    }

    /** One folder per stream and window, replaced by a re-run of the same window. */
    public Path rejectsFolder(EventType type, DateWindow window) {
        return new Path(root, "rejects/" + CanonicalizeStage.streamName(type) + "/window=" + window.start() + "_" + window.end());
    }

    void deleteFolder(Path folder) {
        try {
            folder.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(folder, true);
        } catch (IOException e) {
            throw StorageFailures.of("delete", folder, spark.sparkContext().hadoopConfiguration(), e);
        }
    }
}
