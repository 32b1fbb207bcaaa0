package io.recsys.pipelines.jobs.spark;

import io.delta.storage.HadoopFileSystemLogStore;
import io.recsys.pipelines.common.storage.HadoopObjectStore;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.storage.ObjectStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Delta's log store for {@code s3a://} tables written by any number of drivers at once. A Delta
 * commit is "create log entry N if absent"; Delta's default S3 store checks for the entry and then
 * writes it, so two drivers that commit the same version at once both succeed and the later one
 * silently replaces the other's commit (Delta documents it as safe for one writing driver only).
 * Here the entry is one PUT with {@code If-None-Match: *} (the registry's own create-only write,
 * {@link HadoopObjectStore#create}): S3 and MinIO evaluate it atomically, so exactly one driver
 * creates version N and the other gets {@link FileAlreadyExistsException}, which Delta answers by
 * checking the winner's commit for conflicts and retrying at N+1 (disjoint partitions both commit).
 *
 * <p>Checkpoints and {@code _last_checkpoint} are written with overwrite, as Delta asks: they are
 * derived data that any writer may rewrite. A PUT is never visible partially.
 */
public final class ConditionalPutLogStore extends HadoopFileSystemLogStore {
    public ConditionalPutLogStore(Configuration initHadoopConf) {
        super(initHadoopConf);
    }

    @Override
    public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration hadoopConf)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (actions.hasNext()) {
            bytes.write((actions.next() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Location location = Location.of(path.toString());
        HadoopObjectStore store = new HadoopObjectStore(hadoopConf);
        if (Boolean.TRUE.equals(overwrite)) {
            store.createOrReplace(location, bytes.toByteArray());
        } else if (!createdOnce(store, location, bytes.toByteArray())) {
            throw new FileAlreadyExistsException(path.toString());
        }
    }

    /**
     * Whether this write created the entry. A refused create whose entry holds exactly these bytes was
     * this write too (a create that landed but whose answer was lost, then retried and refused): a
     * commit's actions carry its own transaction id and time, so another writer's entry never has the
     * same bytes, and taking it for another's would make Delta see its own commit as a conflict. On S3
     * the SDK path already answers so ({@code S3ConditionalWrites}); this covers every other store.
     */
    private static boolean createdOnce(ObjectStore store, Location location, byte[] bytes) {
        return store.create(location, bytes) || store.read(location).map(b -> Arrays.equals(b, bytes)).orElse(false);
    }

    @Override
    public Boolean isPartialWriteVisible(Path path, Configuration hadoopConf) {
        return false;
    }
}
