package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.storage.StorageFailures;
import io.recsys.pipelines.jobs.storage.PartitionedTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;

/**
 * The layout of the canonical store under one root: the Delta tables exposures/ and outcomes/, the
 * record of canonicalized days, quarantined lines in rejects/, and _staging/ (a run's parsed lines
 * until its reject budget is decided; deleted by the run, or by `table vacuum` after a crash).
 */
public final class CanonicalStore {
    public static final String STAGING = "_staging";
    public static final String REJECTS = "rejects";
    private final SparkSession spark;
    private final Path root;

    public CanonicalStore(SparkSession spark, Path root) {
        this.spark = spark;
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public PartitionedTable table(EventType type) {
        String stream = CanonicalizeStage.streamName(type);
        return new PartitionedTable(spark, new Path(root, stream), CanonicalSchemas.of(type), "canonical/" + stream);
    }

    public CanonicalizedDays canonicalizedDays() {
        return new CanonicalizedDays(spark, new Path(root, "canonicalized_days"));
    }

    /**
     * One run's quarantine of one stream, {@code rejects/<stream>/run=<run id>/tenant=T/surface=S/dt=D/}:
     * never written by another run, so a re-run keeps the evidence of the first.
     */
    public Path rejectsFolder(EventType type, String runId) {
        return new Path(root, REJECTS + "/" + CanonicalizeStage.streamName(type) + "/run=" + runId);
    }

    /** Where one run keeps its parsed lines of one stream until they are committed or refused. */
    public Path stagingFolder(String runId, EventType type) {
        return new Path(root, STAGING + "/" + runId + "/" + CanonicalizeStage.streamName(type));
    }

    void deleteFolder(Path folder) {
        try {
            folder.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(folder, true);
        } catch (IOException e) {
            throw StorageFailures.of("delete", folder, spark.sparkContext().hadoopConfiguration(), e);
        }
    }
}
