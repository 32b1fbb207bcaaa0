package io.recsys.pipelines.common.storage;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Picks the store implementation that has real atomic primitives for a location's scheme. */
public final class ObjectStores {
    private ObjectStores() {
    }

    public static ObjectStore forLocation(Path location, Configuration hadoopConf) {
        return Locations.isLocal(location) ? new LocalObjectStore() : new HadoopObjectStore(hadoopConf);
    }
}
