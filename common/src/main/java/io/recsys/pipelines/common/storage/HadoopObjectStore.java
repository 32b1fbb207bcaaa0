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
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Any Hadoop FileSystem (s3a://, hdfs://, gs://): objects are written in one PUT, never renamed. */
public final class HadoopObjectStore implements ObjectStore {
    private final Configuration conf;

    public HadoopObjectStore(Configuration conf) {
        this.conf = conf;
    }

    private FileSystem fs(Path path) throws IOException {
        return path.getFileSystem(conf);
    }

    @Override
    public Optional<byte[]> read(Path path) {
        try {
            FileSystem fs = fs(path);
            try (FSDataInputStream in = fs.open(path)) {
                return Optional.of(in.readAllBytes());
            }
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read", path, e);
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

    @Override
    public boolean createIfAbsent(Path path, byte[] bytes) {
        try {
            FileSystem fs = fs(path);
            if (fs.exists(path)) {
                return false;
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

    private static PipelineException failure(String action, Path path, IOException e) {
        return PipelineException.storage("cannot " + action + " " + path + ": " + e.getMessage(), new UncheckedIOException(e));
    }
}
