package io.recsys.pipelines.jobs.storage;

import io.delta.storage.CloseableIterator;
import io.delta.storage.HDFSLogStore;
import io.recsys.pipelines.jobs.spark.ConditionalPutLogStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;

/**
 * Where a child JVM running the real pipeline dies or waits, set by system properties: the table
 * (a path fragment) and the moment. Halting is {@link Runtime#halt}: no shutdown hook, no finally
 * block, no Spark clean-up runs, as when a container is killed.
 *
 * <ul>
 *   <li>{@code while-writing}: when the first data file of the table is opened (files half written);</li>
 *   <li>{@code before-commit}: every data file written, just before the commit file;</li>
 *   <li>{@code after-commit}: right after the commit file, before anything else of the run;</li>
 *   <li>{@code pause-before-commit}: creates the signal file, waits for the resume file, then commits
 *   ({@link LogStore} for file://, {@link S3LogStore} for s3a://).</li>
 * </ul>
 */
public final class CrashHooks {
    static final String TABLE = "recsys.test.crash.table";
    static final String AT = "recsys.test.crash.at";
    static final String SIGNAL = "recsys.test.crash.signal";
    static final String RESUME = "recsys.test.crash.resume";
    static final int HALT_CODE = 137;

    private CrashHooks() {
    }

    static boolean targets(Path path) {
        String table = System.getProperty(TABLE);
        return table != null && path.toUri().getPath().contains(table);
    }

    static boolean at(String moment) {
        return moment.equals(System.getProperty(AT));
    }

    static void halt() {
        Runtime.getRuntime().halt(HALT_CODE);
    }

    /** The commit files of Delta's log: {@code _delta_log/<20 digits>.json}. */
    static boolean isCommit(Path path) {
        return path.getParent() != null && path.getParent().getName().equals("_delta_log")
                && path.getName().matches("\\d{20}\\.json");
    }

    /** Delta's log store for file:// with the hooks around the one atomic step of a commit. */
    public static final class LogStore extends HDFSLogStore {
        public LogStore(Configuration conf) {
            super(conf);
        }

        @Override
        public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration conf) throws IOException {
            boolean hooked = isCommit(path) && targets(path);
            if (hooked && at("before-commit")) {
                halt();
            }
            if (hooked && at("pause-before-commit")) {
                pause(path);
            }
            super.write(path, actions, overwrite, conf);
            if (hooked && at("after-commit")) {
                halt();
            }
        }
    }

    /** Signals that the commit of {@code path} is next, then waits (at most two minutes) for the resume file. */
    static void pause(Path path) throws IOException {
        Files.writeString(java.nio.file.Path.of(System.getProperty(SIGNAL)), path.toString());
        java.nio.file.Path resume = java.nio.file.Path.of(System.getProperty(RESUME));
        long deadline = System.currentTimeMillis() + 120_000;
        while (!Files.exists(resume) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    /**
     * The run's own s3a:// log store, pausing before the commit of the targeted table
     * ({@code pause-before-commit}). It wraps rather than extends: the real store is final.
     */
    public static final class S3LogStore extends io.delta.storage.LogStore {
        private final ConditionalPutLogStore real;

        public S3LogStore(Configuration conf) {
            super(conf);
            this.real = new ConditionalPutLogStore(conf);
        }

        @Override
        public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration conf) throws IOException {
            if (isCommit(path) && targets(path) && at("pause-before-commit")) {
                pause(path);
            }
            real.write(path, actions, overwrite, conf);
        }

        @Override
        public CloseableIterator<String> read(Path path, Configuration conf) throws IOException {
            return real.read(path, conf);
        }

        @Override
        public Iterator<FileStatus> listFrom(Path path, Configuration conf) throws IOException {
            return real.listFrom(path, conf);
        }

        @Override
        public Path resolvePathOnPhysicalStorage(Path path, Configuration conf) throws IOException {
            return real.resolvePathOnPhysicalStorage(path, conf);
        }

        @Override
        public Boolean isPartialWriteVisible(Path path, Configuration conf) throws IOException {
            return real.isPartialWriteVisible(path, conf);
        }
    }

    /** The local filesystem, dying when the first data file of the table is created. */
    public static final class FileSystem extends LocalFileSystem {
        @Override
        public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                         short replication, long blockSize, Progressable progress) throws IOException {
            if (at("while-writing") && targets(f) && f.getName().endsWith(".parquet")) {
                FSDataOutputStream out = super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
                out.write(new byte[] {'P', 'A', 'R', '1'});
                out.hflush();
                halt();
            }
            return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
        }
    }
}
