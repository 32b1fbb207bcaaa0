package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.config.HadoopConfs;
import io.recsys.pipelines.common.storage.HadoopObjectStore;
import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.common.storage.RoutingObjectStore;
import io.recsys.pipelines.common.config.StorageRoots;
import org.apache.hadoop.conf.Configuration;
import io.recsys.pipelines.common.storage.Location;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The registry, the blob store and the gates of one configuration, built in one place for the
 * manifest commands and for a run's publish step (which passes Spark's Hadoop configuration).
 */
public record RegistryContext(PipelineConfig config, Configuration hadoopConf, ObjectStore store, Location objectStoreRoot,
                              Registry registry, Supplier<Instant> clock) {

    public static RegistryContext of(PipelineConfig config, Configuration hadoopConf, Supplier<Instant> clock) {
        requireValidS3Settings(config, hadoopConf);
        ObjectStore store = new RoutingObjectStore(hadoopConf);
        Registry registry = new Registry(store, layout(config), clock, CacheInvalidator.fromConfig(config.service()));
        return new RegistryContext(config, hadoopConf, store, Location.of(config.storage().objectstore()),
                registry, clock);
    }

    /**
     * The buckets the registry and the Delta log store write to through the AWS SDK: a fs.s3a.* setting
     * the SDK cannot honour stops every command here (exit 2), before a run's Spark writes anything.
     */
    private static void requireValidS3Settings(PipelineConfig config, Configuration hadoopConf) {
        for (String root : List.of(config.storage().registry(), config.storage().objectstore(),
                config.storage().canonical(), config.storage().aggregates())) {
            if (!root.isBlank()) {
                HadoopObjectStore.requireValidS3Settings(hadoopConf, Location.of(root));
            }
        }
    }

    /** Without Spark: the Hadoop settings Spark would get from the same configuration (s3 block, spark.hadoop.*). */
    public static RegistryContext withoutSpark(PipelineConfig config, Supplier<Instant> clock) {
        return of(config, HadoopConfs.from(config), clock);
    }

    /** Where everything of this configuration is: registry root, pointer template, identifier rule with reserved names. */
    public static RegistryLayout layout(PipelineConfig config) {
        StorageRoots roots = config.storageRoots();
        return new RegistryLayout(Location.of(config.storage().registry()), roots.pointerTemplate(),
                roots.identifiers());
    }

    public PublishCheckpoints checkpoints() {
        return new PublishCheckpoints(store, registry.layout());
    }

    public PairPublisher publisher(boolean force) {
        return new PairPublisher(store, objectStoreRoot, registry, PublishGates.fromConfig(config.publishGates(), force));
    }

    public LiveVerifier verifier() {
        return new LiveVerifier(registry, store, config.publishGates().maxArtifactBytes());
    }

    public GarbageCollector garbageCollector() {
        return new GarbageCollector(registry, store, objectStoreRoot, clock);
    }
}
