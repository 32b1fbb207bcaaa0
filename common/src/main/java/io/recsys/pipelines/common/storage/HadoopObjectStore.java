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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Objects on a Hadoop FileSystem other than the local one. On S3 (s3a://) an object becomes visible
 * whole, in one PUT when its stream closes, and the conditional writes (create-only,
 * compare-and-swap) go through the AWS SDK ({@link S3ConditionalWrites}), whatever the cluster's
 * S3A version. No class of hadoop-aws is referenced: on a cluster without it (Dataproc) this class
 * must still load for gs:// and hdfs://. There the guarantees are weaker: create without overwrite
 * is exclusive, but a reader can see a file while it is still being written, and replace is a
 * create with overwrite, which is not atomic. Keep the registry on S3 or a local folder
 * (LocalObjectStore) for that reason.
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

    private FileSystem fs(Path path) throws IOException {
        return path.getFileSystem(conf);
    }

    /** A replaced object (the pointer) read while it changes: S3A's HEAD-then-GET sees two versions. */
    private static final int READ_ATTEMPTS_WHILE_CHANGING = 5;

    /**
     * S3A opens with a HEAD and then reads with If-Match on that ETag; an object replaced in
     * between (the pointer, while another publisher swaps it) fails with RemoteFileChangedException
     * (412). The object is whole at every moment, so reading it again gives one of its versions.
     */
    @Override
    public Optional<byte[]> read(Path path) {
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
                    throw failure("read", path, e);
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
    public boolean exists(Path path) {
        try {
            return fs(path).exists(path);
        } catch (IOException e) {
            throw failure("check", path, e);
        }
    }

    /**
     * On S3 the write is a PUT with If-None-Match: *, so that of two racing writers exactly one
     * wins (the loser gets 412). Elsewhere (HDFS) create without overwrite is exclusive by itself.
     */
    @Override
    public boolean createIfAbsent(Path path, byte[] bytes) {
        try {
            FileSystem fs = fs(path);
            // The usual case on a re-run; checked first so that it costs a HEAD, not a refused upload.
            if (fs.exists(path)) {
                return false;
            }
            if (Locations.isS3(path)) {
                return s3.createIfAbsent(path, bytes);
            }
            try (FSDataOutputStream out = fs.create(path, false)) {
                out.write(bytes);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw failure("create", path, e);
        }
    }

    /** On S3, the object and its ETag from one GET, for {@link #replaceIfUnchanged}. */
    @Override
    public Optional<Versioned> readVersioned(Path path) {
        return Locations.isS3(path) ? s3.read(path) : ObjectStore.super.readVersioned(path);
    }

    /**
     * On S3 one PUT with If-Match on the ETag read (If-None-Match: * when there was nothing), which
     * S3 and MinIO evaluate atomically: a true compare-and-swap.
     */
    @Override
    public boolean replaceIfUnchanged(Path path, byte[] bytes, Optional<String> expected) {
        if (!Locations.isS3(path)) {
            return ObjectStore.super.replaceIfUnchanged(path, bytes, expected);
        }
        return expected.isPresent() ? s3.replaceIfMatch(path, bytes, expected.get()) : s3.createIfAbsent(path, bytes);
    }

    /**
     * One PUT of the whole object on S3: readers see the old or the new object, never a mix. Not
     * atomic on HDFS and the other filesystems (see the class comment).
     */
    @Override
    public void replace(Path path, byte[] bytes) {
        try (FSDataOutputStream out = fs(path).create(path, true)) {
            out.write(bytes);
        } catch (IOException e) {
            throw failure("write", path, e);
        }
    }

    @Override
    public List<String> listNames(Path folder) {
        List<String> names = new ArrayList<>();
        try {
            for (FileStatus status : fs(folder).listStatus(folder)) {
                names.add(status.getPath().getName());
            }
        } catch (FileNotFoundException e) {
            return names;
        } catch (IOException e) {
            throw failure("list", folder, e);
        }
        names.sort(String::compareTo);
        return names;
    }

    @Override
    public boolean delete(Path path) {
        try {
            return fs(path).delete(path, true);
        } catch (IOException e) {
            throw failure("delete", path, e);
        }
    }

    private PipelineException failure(String action, Path path, IOException e) {
        return StorageFailures.of(action, path, conf, e);
    }
}
