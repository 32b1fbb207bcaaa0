package io.recsys.pipelines.common.storage;

import org.apache.hadoop.conf.Configuration;

import java.util.List;
import java.util.Optional;

/**
 * The one store for every location a command meets: each call goes to the implementation with real
 * primitives for its location's scheme, {@link LocalObjectStore} for local paths and
 * {@link HadoopObjectStore} for the rest (S3 with conditional writes, HDFS and gs:// without atomic
 * replace). A manifest may name blobs on another scheme than the configured roots, and a run writes
 * reports and metrics wherever they are configured, so the choice is made per call, never once.
 */
public final class RoutingObjectStore implements ObjectStore {
    private final ObjectStore local;
    private final ObjectStore hadoop;

    public RoutingObjectStore(Configuration hadoopConf) {
        this(new LocalObjectStore(), new HadoopObjectStore(hadoopConf));
    }

    /** Tests pass stores of their own (a recording local store, a failing one). */
    public RoutingObjectStore(ObjectStore local, ObjectStore hadoop) {
        this.local = local;
        this.hadoop = hadoop;
    }

    /** The store that serves {@code location}. */
    public ObjectStore at(Location location) {
        return location.isLocal() ? local : hadoop;
    }

    @Override
    public Optional<byte[]> read(Location location) {
        return at(location).read(location);
    }

    @Override
    public boolean exists(Location location) {
        return at(location).exists(location);
    }

    @Override
    public Optional<Entry> status(Location location) {
        return at(location).status(location);
    }

    @Override
    public boolean create(Location location, byte[] bytes) {
        return at(location).create(location, bytes);
    }

    @Override
    public void createOrReplace(Location location, byte[] bytes) {
        at(location).createOrReplace(location, bytes);
    }

    @Override
    public boolean atomicReplace(Location location) {
        return at(location).atomicReplace(location);
    }

    @Override
    public Optional<Versioned> readVersioned(Location location) {
        return at(location).readVersioned(location);
    }

    @Override
    public boolean replaceIfUnchanged(Location location, byte[] bytes, Optional<String> expected) {
        return at(location).replaceIfUnchanged(location, bytes, expected);
    }

    @Override
    public List<Entry> list(Location folder) {
        return at(folder).list(folder);
    }

    @Override
    public List<String> listNames(Location folder) {
        return at(folder).listNames(folder);
    }

    @Override
    public boolean delete(Location location) {
        return at(location).delete(location);
    }
}
