package io.recsys.pipelines.common.storage;

import io.recsys.pipelines.common.errors.PipelineException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSDataOutputStreamBuilder;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.RemoteFileChangedException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Objects on a Hadoop FileSystem other than the local one. Its guarantees hold on S3 (s3a://) only:
 * there an object becomes visible whole, in one PUT when its stream closes, so create-only is a
 * conditional PUT and replace is atomic. On HDFS and other filesystems (gs://) create without
 * overwrite is exclusive, but a reader can see a file while it is still being written, and replace
 * is a create with overwrite, which is not atomic: a reader may find no file or part of one. Keep
 * the registry on S3 or a local folder (LocalObjectStore) for that reason.
 */
public final class HadoopObjectStore implements ObjectStore {
    private final Configuration conf;

    public HadoopObjectStore(Configuration conf) {
        this.conf = conf;
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
            } catch (RemoteFileChangedException e) {
                if (attempt >= READ_ATTEMPTS_WHILE_CHANGING) {
                    throw failure("read", path, e);
                }
            } catch (IOException e) {
                throw failure("read", path, e);
            }
        }
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
     * wins; a lost race surfaces as RemoteFileChangedException (412) when the stream closes.
     * Elsewhere (HDFS) create without overwrite is exclusive by itself.
     */
    @Override
    public boolean createIfAbsent(Path path, byte[] bytes) {
        try {
            FileSystem fs = fs(path);
            // The usual case on a re-run; checked first so that it costs a HEAD, not a refused upload.
            if (fs.exists(path)) {
                return false;
            }
            try (FSDataOutputStream out = createOnly(fs, path)) {
                out.write(bytes);
            }
            return true;
        } catch (FileAlreadyExistsException | RemoteFileChangedException e) {
            return false;
        } catch (IOException e) {
            throw failure("create", path, e);
        }
    }

    private static FSDataOutputStream createOnly(FileSystem fs, Path path) throws IOException {
        if (!Locations.isS3(path)) {
            return fs.create(path, false);
        }
        FSDataOutputStreamBuilder<?, ?> builder = fs.createFile(path);
        builder.overwrite(false).must(Options.CreateFileOptionKeys.FS_OPTION_CREATE_CONDITIONAL_OVERWRITE, true);
        return builder.build();
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
