package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.storage.LocalObjectStore;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.storage.ObjectStore;

import java.util.List;
import java.util.Optional;

/**
 * A store that hands every call to real local files: test stores extend it and override only the
 * calls they disturb. The compare-and-swap calls keep the interface's defaults, which go through
 * this store's own (possibly disturbed) read and write.
 */
abstract class ForwardingStore implements ObjectStore {
    protected final ObjectStore real = new LocalObjectStore();

    @Override
    public Optional<byte[]> read(Location path) {
        return real.read(path);
    }

    @Override
    public boolean exists(Location path) {
        return real.exists(path);
    }

    @Override
    public boolean create(Location path, byte[] bytes) {
        return real.create(path, bytes);
    }

    @Override
    public void createOrReplace(Location path, byte[] bytes) {
        real.createOrReplace(path, bytes);
    }

    @Override
    public List<Entry> list(Location folder) {
        return real.list(folder);
    }

    @Override
    public Optional<Entry> status(Location path) {
        return real.status(path);
    }

    @Override
    public boolean atomicReplace(Location path) {
        return real.atomicReplace(path);
    }

    @Override
    public List<String> listNames(Location folder) {
        return real.listNames(folder);
    }

    @Override
    public boolean delete(Location path) {
        return real.delete(path);
    }
}
