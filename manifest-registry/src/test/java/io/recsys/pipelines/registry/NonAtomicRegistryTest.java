package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.common.storage.RoutingObjectStore;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A registry on a store that cannot replace a file atomically (HDFS) takes no publish and no
 * rollback: refused with a usage error before anything is read or written, since the service could
 * read a half-written pointer there.
 */
class NonAtomicRegistryTest {
    /** Answers the capability as the real router does; any other call means the refusal came too late. */
    private static final class UntouchableStore implements ObjectStore {
        private final RoutingObjectStore router = new RoutingObjectStore(new Configuration());

        @Override
        public boolean atomicReplace(Location location) {
            return router.atomicReplace(location);
        }

        private static AssertionError touched(Location location) {
            return new AssertionError("the store was used before the refusal: " + location);
        }

        @Override
        public Optional<byte[]> read(Location location) {
            throw touched(location);
        }

        @Override
        public boolean exists(Location location) {
            throw touched(location);
        }

        @Override
        public Optional<Entry> status(Location location) {
            throw touched(location);
        }

        @Override
        public boolean create(Location location, byte[] bytes) {
            throw touched(location);
        }

        @Override
        public void createOrReplace(Location location, byte[] bytes) {
            throw touched(location);
        }

        @Override
        public List<Entry> list(Location folder) {
            throw touched(folder);
        }

        @Override
        public boolean delete(Location location) {
            throw touched(location);
        }
    }

    private final Registry registry = new Registry(new UntouchableStore(), Location.parse("hdfs://namenode:8020/registry"));

    @Test
    void aPublishIsRefusedBeforeTheStoreIsTouched() {
        PublishRequest request = new PublishRequest("demo", "home", Map.of(), "run-1", "op", "test", false, Map.of(),
                Map.of());

        PipelineException e = assertThrows(PipelineException.class, () -> registry.publish(request));

        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("hdfs://namenode:8020/registry/current") && e.getMessage().contains("atomically"),
                e.getMessage());
    }

    @Test
    void aRollbackIsRefusedBeforeTheStoreIsTouched() {
        RollbackRequest request = new RollbackRequest("demo", "home", null, 1, "bad", "op", "rb-1");

        PipelineException e = assertThrows(PipelineException.class, () -> registry.rollback(request, new UntouchableStore()));

        assertEquals(ExitCode.USAGE, e.exitCode());
    }

    @Test
    void s3AndLocalRegistriesPass() {
        new Registry(new UntouchableStore(), Location.parse("s3a://bucket/registry")).requireAtomicPointers();
        new Registry(new UntouchableStore(), Location.of("registry")).requireAtomicPointers();
    }
}
