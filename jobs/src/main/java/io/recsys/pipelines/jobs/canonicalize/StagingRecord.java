package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.common.storage.StorageFailures;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The record a run keeps in its staging folder ({@code _staging/<run id>/_run}) while it lives: written
 * when the stage starts and rewritten every {@link #HEARTBEAT_SECONDS}, so maintenance can tell a live
 * run from a crashed one by the age of a file the run wrote. A folder's own modification time cannot
 * tell: S3A (Hadoop 3.3.4 and 3.4.2, measured) lists every folder with the listing's own time, so by
 * it a crashed run's staging never aged; other stores report 0, and every run's staging looks ancient.
 */
public final class StagingRecord implements AutoCloseable {
    public static final String NAME = "_run";
    static final long HEARTBEAT_SECONDS = 60;
    /** A record younger than this belongs to a live run, whatever retention an operator asks for. */
    public static final long LIVE_MILLIS = 10 * 60_000L;

    private final Path file;
    private final Configuration conf;
    private final ScheduledExecutorService beat;

    private StagingRecord(Path file, Configuration conf) {
        this.file = file;
        this.conf = conf;
        this.beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "staging-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /** Writes the record of the run whose staging folder is {@code folder} and keeps it fresh until closed. */
    public static StagingRecord start(Path folder, String runId, Configuration conf) {
        StagingRecord record = new StagingRecord(new Path(folder, NAME), conf);
        record.write(runId);
        record.beat.scheduleAtFixedRate(() -> {
            try {
                record.write(runId);
            } catch (RuntimeException e) {
                // A missed beat only makes the run look older; the next one refreshes it.
                org.slf4j.LoggerFactory.getLogger("recsys.pipelines").warn("[canonicalize] staging heartbeat: {}",
                        e.getMessage());
            }
        }, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        return record;
    }

    private void write(String runId) {
        try (FSDataOutputStream out = file.getFileSystem(conf).create(file, true)) {
            out.write(("{\"run_id\":\"" + runId + "\",\"alive_at\":\"" + Instant.now() + "\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw StorageFailures.of("write", file, conf, e);
        }
    }

    @Override
    public void close() {
        beat.shutdownNow();
    }

    /**
     * When the run of a staging folder last showed life: its record's time, or for a folder without one
     * (a crash before the record was written, an older version's run) its newest file's time, since
     * files do have real times on S3; the folder's own time only when it holds no file at all.
     */
    public static long lastAlive(FileSystem fs, FileStatus runFolder) throws IOException {
        Path record = new Path(runFolder.getPath(), NAME);
        if (fs.exists(record)) {
            return fs.getFileStatus(record).getModificationTime();
        }
        long newest = -1;
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(runFolder.getPath(), true);
        while (files.hasNext()) {
            newest = Math.max(newest, files.next().getModificationTime());
        }
        return newest >= 0 ? newest : runFolder.getModificationTime();
    }
}
