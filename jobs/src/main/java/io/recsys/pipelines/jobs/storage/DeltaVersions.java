package io.recsys.pipelines.jobs.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.pipelines.common.storage.StorageFailures;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Table versions of a Delta table: the newest one, and the one a given commit made.
 *
 * <p>Read from the commit files themselves ({@code _delta_log/<version>.json}, whose commitInfo
 * action carries the writer's userMetadata, as Delta's protocol specifies): a listing and a small
 * read, where DESCRIBE HISTORY would plan and run Spark jobs. Maintenance goes through Delta's SQL
 * commands, not {@code io.delta.tables.DeltaTable}: with Delta 4.1.0 on Spark 4.1.2 that class does
 * not load (it links commands built on a Spark class, IgnoreCachedData, that Spark 4.1 no longer
 * has), while DESCRIBE HISTORY, VACUUM, OPTIMIZE and CONVERT TO DELTA work, the same in Delta 3.3
 * and 4.0.
 */
public final class DeltaVersions {
    /** How far back a commit of this run is looked for; other runs committing in between push it down. */
    private static final int LOOK_BACK = 100;
    private static final Pattern COMMIT = Pattern.compile("\\d{20}\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeltaVersions() {
    }

    /** {@code delta.`path`}: a path-based table in Delta's SQL, backticks in the path doubled. */
    public static String tableRef(Path root) {
        return "delta.`" + root.toString().replace("`", "``") + "`";
    }

    public static Dataset<Row> history(SparkSession spark, Path root, int limit) {
        return spark.sql("DESCRIBE HISTORY " + tableRef(root) + " LIMIT " + limit);
    }

    public static long latest(SparkSession spark, Path root) {
        List<Long> versions = versions(spark.sparkContext().hadoopConfiguration(), root);
        if (versions.isEmpty()) {
            throw new IllegalStateException("no commit file in " + new Path(root, PartitionedTable.LOG_FOLDER));
        }
        return versions.get(0);
    }

    /**
     * The version of the commit tagged {@code commitId} (its userMetadata): exact even when another run
     * committed right after it, which "the newest version" would not be.
     */
    public static long committed(SparkSession spark, Path root, String commitId) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path log = new Path(root, PartitionedTable.LOG_FOLDER);
        List<Long> versions = versions(conf, root);
        try {
            FileSystem fs = log.getFileSystem(conf);
            for (long version : versions.subList(0, Math.min(LOOK_BACK, versions.size()))) {
                if (commitId.equals(userMetadata(fs, new Path(log, String.format("%020d.json", version))))) {
                    return version;
                }
            }
        } catch (IOException e) {
            throw StorageFailures.of("read the commits of", log, conf, e);
        }
        throw new IllegalStateException("the commit " + commitId + " to " + root + " is not among its last "
                + LOOK_BACK + " versions");
    }

    /** Whether {@code root} is a Delta table: its log holds at least one commit (an empty log folder is not one). */
    public static boolean isTable(Configuration conf, Path root) {
        Path log = new Path(root, PartitionedTable.LOG_FOLDER);
        try {
            FileSystem fs = log.getFileSystem(conf);
            if (!fs.exists(log)) {
                return false;
            }
            for (FileStatus file : fs.listStatus(log)) {
                if (COMMIT.matcher(file.getPath().getName()).matches()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw StorageFailures.of("list", log, conf, e);
        }
    }

    /** Committed versions, newest first. */
    private static List<Long> versions(Configuration conf, Path root) {
        Path log = new Path(root, PartitionedTable.LOG_FOLDER);
        List<Long> versions = new ArrayList<>();
        try {
            FileSystem fs = log.getFileSystem(conf);
            for (FileStatus file : fs.listStatus(log)) {
                String name = file.getPath().getName();
                if (COMMIT.matcher(name).matches()) {
                    versions.add(Long.parseLong(name.substring(0, 20)));
                }
            }
        } catch (IOException e) {
            throw StorageFailures.of("list", log, conf, e);
        }
        versions.sort(Comparator.reverseOrder());
        return versions;
    }

    private static String userMetadata(FileSystem fs, Path commit) throws IOException {
        try (FSDataInputStream in = fs.open(commit);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("{\"commitInfo\"")) {
                    JsonNode info = JSON.readTree(line).path("commitInfo").path("userMetadata");
                    return info.isTextual() ? info.asText() : null;
                }
            }
        }
        return null;
    }
}
