package io.recsys.pipelines.common.storage;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One router picks the store by scheme and answers the capability for the location asked about. */
class RoutingObjectStoreTest {
    @TempDir
    java.nio.file.Path tmp;

    private final RoutingObjectStore router = new RoutingObjectStore(new Configuration());

    @Test
    void localLocationsGoToTheNioStoreAndTheRestToHadoop() {
        assertInstanceOf(LocalObjectStore.class, router.at(Location.local(tmp)));
        assertInstanceOf(HadoopObjectStore.class, router.at(Location.parse("s3a://bucket/x")));
        assertInstanceOf(HadoopObjectStore.class, router.at(Location.parse("hdfs://namenode/x")));
        assertInstanceOf(HadoopObjectStore.class, router.at(Location.parse("gs://bucket/x")));
    }

    @Test
    void onlyS3AndLocalFoldersReplaceAtomically() {
        assertTrue(router.atomicReplace(Location.local(tmp).child("current.json")));
        assertTrue(router.atomicReplace(Location.parse("s3a://bucket/registry/current/a/b/manifest.json")));
        assertTrue(router.atomicReplace(Location.parse("s3://bucket/x")));
        assertFalse(router.atomicReplace(Location.parse("hdfs://namenode:8020/registry/x")));
        assertFalse(router.atomicReplace(Location.parse("gs://bucket/registry/x")));
    }

    @Test
    void callsReachTheChosenStore() {
        Location object = Location.local(tmp).child("x", "o.json");

        assertTrue(router.create(object, "a".getBytes(StandardCharsets.UTF_8)));
        assertFalse(router.create(object, "b".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("a".getBytes(StandardCharsets.UTF_8), new LocalObjectStore().read(object).orElseThrow());
        assertTrue(router.list(Location.local(tmp).child("x")).get(0).size() == 1);
    }
}
