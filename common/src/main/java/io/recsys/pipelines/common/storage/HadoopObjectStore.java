package io.recsys.pipelines.common.storage;

import io.recsys.pipelines.common.errors.PipelineException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Objects on a Hadoop FileSystem other than the local one. On S3 (s3a://) an object becomes visible
 * whole, in one PUT when its stream closes, and the conditional writes (create-only,
 * compare-and-swap) go through the AWS SDK ({@link S3ConditionalWrites}), whatever the cluster's
 * S3A version. No class of hadoop-aws is referenced: on a cluster without it (Dataproc) this class
 * must still load for gs:// and hdfs://. There the guarantees are weaker, and {@link #atomicReplace}
 * says so: create without overwrite is exclusive, but a reader can see a file while it is still being
 * written, and replace is a create with overwrite, which is not atomic. The registry refuses to write
 * its pointers there (keep it on S3 or a local folder, {@link LocalObjectStore}).
 */
public final class HadoopObjectStore implements ObjectStore {
    /** S3A's exception for an object replaced between its HEAD and its GET (412 on the read). */
    private static final String REMOTE_FILE_CHANGED = "org.apache.hadoop.fs.s3a.RemoteFileChangedException";

    private final Configuration conf;
    private final S3ConditionalWrites s3;

    public HadoopObjectStore(Configuration conf) {
        this.conf = conf;
        this.s3 = new S3ConditionalWrites(conf);
    }

    /**
     * On S3, the SDK settings of the bucket are checked first (once per bucket): a setting the
     * registry's own writes cannot honour (an unknown encryption, ACL or credential provider) stops
     * with a configuration error before S3A or the SDK sends anything.
     */
    private FileSystem fs(Path path) throws IOException {
        if (Locations.isS3(path)) {
            s3.requireValidSettings(path.toUri().getAuthority());
        }
        return path.getFileSystem(conf);
    }

    /**
     * For a command's start, before anything is read or written: throws a configuration error (exit 2)
     * naming the setting if the registry's own S3 requests (AWS SDK) cannot honour the fs.s3a.*
     * settings of {@code location}'s bucket (encryption, ACL, credential providers). Nothing for
     * other schemes.
     */
    public static void requireValidS3Settings(Configuration conf, Location location) {
        if (location.isS3()) {
            new S3ConditionalWrites(conf).requireValidSettings(location.authority());
        }
    }

    /** A replaced object (the pointer) read while it changes: S3A's HEAD-then-GET sees two versions. */
    private static final int READ_ATTEMPTS_WHILE_CHANGING = 5;

    /**
     * S3A opens with a HEAD and then reads with If-Match on that ETag; an object replaced in
     * between (the pointer, while another publisher swaps it) fails with RemoteFileChangedException
     * (412). The object is whole at every moment, so reading it again gives one of its versions.
     */
    @Override
    public Optional<byte[]> read(Location location) {
        Path path = Locations.toPath(location);
        for (int attempt = 1; ; attempt++) {
            try {
                FileSystem fs = fs(path);
                try (FSDataInputStream in = fs.open(path)) {
                    return Optional.of(in.readAllBytes());
                }
            } catch (FileNotFoundException e) {
                return Optional.empty();
            } catch (IOException e) {
                if (!isA(e, REMOTE_FILE_CHANGED) || attempt >= READ_ATTEMPTS_WHILE_CHANGING) {
                    throw failure("read", location, e);
                }
            }
        }
    }

    private static boolean isA(Throwable e, String className) {
        for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean exists(Location location) {
        Path path = Locations.toPath(location);
        try {
            return fs(path).exists(path);
        } catch (IOException e) {
            throw failure("check", location, e);
        }
    }

    @Override
    public Optional<Entry> status(Location location) {
        Path path = Locations.toPath(location);
        try {
            FileStatus status = fs(path).getFileStatus(path);
            return status.isDirectory() ? Optional.empty() : Optional.of(entry(status));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read the status of", location, e);
        }
    }

    /** One PUT on S3; not on HDFS, gs:// and the rest (see the class comment). */
    @Override
    public boolean atomicReplace(Location location) {
        return location.isS3();
    }

    /**
     * On S3 the write is a PUT with If-None-Match: *, so that of two racing writers exactly one
     * wins (the loser gets 412). Elsewhere (HDFS) create without overwrite is exclusive by itself.
     */
    @Override
    public boolean create(Location location, byte[] bytes) {
        Path path = Locations.toPath(location);
        try {
            FileSystem fs = fs(path);
            // The usual case on a re-run; checked first so that it costs a HEAD, not a refused upload.
            if (fs.exists(path)) {
                return false;
            }
            if (location.isS3()) {
                return s3.create(location, bytes);
            }
            try (FSDataOutputStream out = fs.create(path, false)) {
                out.write(bytes);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw failure("create", location, e);
        }
    }

    /** On S3, the object and its ETag from one GET, for {@link #replaceIfUnchanged}. */
    @Override
    public Optional<Versioned> readVersioned(Location location) {
        return location.isS3() ? s3.read(location) : ObjectStore.super.readVersioned(location);
    }

    /**
     * On S3 one PUT with If-Match on the ETag read (If-None-Match: * when there was nothing), which
     * S3 and MinIO evaluate atomically: a true compare-and-swap.
     */
    @Override
    public boolean replaceIfUnchanged(Location location, byte[] bytes, Optional<String> expected) {
        if (!location.isS3()) {
            return ObjectStore.super.replaceIfUnchanged(location, bytes, expected);
        }
        return expected.isPresent() ? s3.replaceIfMatch(location, bytes, expected.get()) : s3.create(location, bytes);
    }

    /**
     * One PUT of the whole object on S3: readers see the old or the new object, never a mix. Not
     * atomic on HDFS and the other filesystems ({@link #atomicReplace} is false there).
     */
    @Override
    public void createOrReplace(Location location, byte[] bytes) {
        Path path = Locations.toPath(location);
        try (FSDataOutputStream out = fs(path).create(path, true)) {
            out.write(bytes);
        } catch (IOException e) {
            throw failure("write", location, e);
        }
    }

    @Override
    public List<Entry> list(Location folder) {
        Path path = Locations.toPath(folder);
        List<Entry> entries = new ArrayList<>();
        try {
            for (FileStatus status : fs(path).listStatus(path)) {
                entries.add(entry(status));
            }
        } catch (FileNotFoundException e) {
            return entries;
        } catch (IOException e) {
            throw failure("list", folder, e);
        }
        entries.sort(Comparator.comparing(Entry::name));
        return entries;
    }

    /** S3A reports implied folders with no time: they get the epoch. */
    private static Entry entry(FileStatus status) {
        Instant modified = Instant.ofEpochMilli(status.getModificationTime());
        return status.isDirectory() ? new Entry(status.getPath().getName(), 0, modified, true)
                : new Entry(status.getPath().getName(), status.getLen(), modified, false);
    }

    @Override
    public boolean delete(Location location) {
        Path path = Locations.toPath(location);
        try {
            return fs(path).delete(path, true);
        } catch (IOException e) {
            throw failure("delete", location, e);
        }
    }

    private PipelineException failure(String action, Location location, IOException e) {
        return StorageFailures.of(action, location, conf, e);
    }
}
