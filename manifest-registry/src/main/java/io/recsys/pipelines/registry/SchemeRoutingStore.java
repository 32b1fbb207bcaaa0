package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.common.storage.ObjectStores;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.util.List;
import java.util.Optional;

/**
 * One store for every location a command meets: a manifest may name blobs on another scheme than
 * the configured roots, so each call goes to the store with real atomic primitives for its path.
 */
final class SchemeRoutingStore implements ObjectStore {
    private final Configuration hadoopConf;

    SchemeRoutingStore(Configuration hadoopConf) {
        this.hadoopConf = hadoopConf;
    }

    private ObjectStore at(Path path) {
        return ObjectStores.forLocation(path, hadoopConf);
    }

    @Override
    public Optional<byte[]> read(Path path) {
        return at(path).read(path);
    }

    @Override
    public boolean exists(Path path) {
        return at(path).exists(path);
    }

    @Override
    public boolean createIfAbsent(Path path, byte[] bytes) {
        return at(path).createIfAbsent(path, bytes);
    }

    @Override
    public void replace(Path path, byte[] bytes) {
        at(path).replace(path, bytes);
    }

    @Override
    public Optional<Versioned> readVersioned(Path path) {
        return at(path).readVersioned(path);
    }

    @Override
    public boolean replaceIfUnchanged(Path path, byte[] bytes, Optional<String> expected) {
        return at(path).replaceIfUnchanged(path, bytes, expected);
    }

    @Override
    public List<String> listNames(Path folder) {
        return at(folder).listNames(folder);
    }

    @Override
    public boolean delete(Path path) {
        return at(path).delete(path);
    }
}
