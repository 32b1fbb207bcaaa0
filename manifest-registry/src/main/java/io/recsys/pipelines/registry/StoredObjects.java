package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.errors.PipelineException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists objects with their last-modified time, which {@link io.recsys.pipelines.common.storage.ObjectStore}
 * does not expose: gc needs ages. Hadoop's FileSystem gives them for file:// and s3a:// alike.
 */
final class StoredObjects {
    record StoredObject(Path path, Instant modified) {
    }

    private StoredObjects() {
    }

    /** When the object at {@code path} was last written, or empty when there is none. */
    static java.util.Optional<Instant> modified(Path path, Configuration conf) {
        try {
            return java.util.Optional.of(Instant.ofEpochMilli(path.getFileSystem(conf).getFileStatus(path).getModificationTime()));
        } catch (FileNotFoundException e) {
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw PipelineException.storage("cannot read the status of " + path + ": " + e.getMessage(),
                    new UncheckedIOException(e));
        }
    }

    /** Every object below {@code folder}, recursively; temporary and checksum files are left out. */
    static List<StoredObject> list(Path folder, Configuration conf) {
        List<StoredObject> objects = new ArrayList<>();
        try {
            FileSystem fs = folder.getFileSystem(conf);
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(folder, true);
            while (it.hasNext()) {
                LocatedFileStatus status = it.next();
                if (!status.getPath().getName().startsWith(".")) {
                    objects.add(new StoredObject(status.getPath(), Instant.ofEpochMilli(status.getModificationTime())));
                }
            }
        } catch (FileNotFoundException e) {
            return objects;
        } catch (IOException e) {
            throw PipelineException.storage("cannot list " + folder + ": " + e.getMessage(), new UncheckedIOException(e));
        }
        return objects;
    }
}
