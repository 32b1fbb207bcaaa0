package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.config.HadoopConfs;
import io.recsys.pipelines.common.storage.HadoopObjectStore;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.jobs.testing.S3Server;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The object store the registry writes through, against a real S3 server and without Spark. */
@ExtendWith(S3Server.Extension.class)
class HadoopObjectStoreS3Test {
    private final S3Server s3;
    private final String bucket = "store-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    java.nio.file.Path tmp;

    HadoopObjectStoreS3Test(S3Server s3) {
        this.s3 = s3;
    }

    @BeforeEach
    void createBucket() {
        s3.createBucket(bucket);
    }

    private HadoopObjectStore store(String accessKey, String secretKey) {
        List<String> overrides = new ArrayList<>(s3.overrides(accessKey, secretKey));
        overrides.add("spark.hadoop.hadoop.tmp.dir=" + tmp);
        return new HadoopObjectStore(HadoopConfs.from(ConfigLoader.load(null, overrides)));
    }

    private Location path(String key) {
        return Location.parse("s3a://" + bucket + "/" + key);
    }

    @Test
    void createHasExactlyOneWinnerUnderARace() throws Exception {
        HadoopObjectStore store = store(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            byte[] body = ("{\"writer\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            results.add(pool.submit(() -> {
                start.await();
                return store.create(path("history/demo/home/00000001.json"), body);
            }));
        }
        start.countDown();
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            if (results.get(i).get()) {
                winners.add(i);
            }
        }
        pool.shutdown();

        assertEquals(1, winners.size(), "winners: " + winners);
        assertEquals("{\"writer\":" + winners.get(0) + "}",
                new String(s3.get(bucket, "history/demo/home/00000001.json").orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void createKeepsAnExistingObject() {
        HadoopObjectStore store = store(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        s3.put(bucket, "blob.json", "first");

        assertFalse(store.create(path("blob.json"), "second".getBytes(StandardCharsets.UTF_8)));

        assertArrayEquals("first".getBytes(StandardCharsets.UTF_8), store.read(path("blob.json")).orElseThrow());
    }

    @Test
    void createOrReplaceWritesTheObjectInPlaceWithoutTemporaryObjects() {
        HadoopObjectStore store = store(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        store.createOrReplace(path("current/demo/home/manifest.json"), "old".getBytes(StandardCharsets.UTF_8));

        store.createOrReplace(path("current/demo/home/manifest.json"), "new".getBytes(StandardCharsets.UTF_8));

        assertEquals("new", new String(s3.get(bucket, "current/demo/home/manifest.json").orElseThrow(), StandardCharsets.UTF_8));
        assertEquals(List.of("current/demo/home/manifest.json"), s3.keys(bucket, ""));
    }

    @Test
    void listingAndStatusCarrySizesAndModificationTimes() {
        HadoopObjectStore store = store(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        java.time.Instant before = java.time.Instant.now().minusSeconds(60);
        store.create(path("blobs/demo/home/popularity/a.json"), bytes("12345"));
        store.create(path("blobs/demo/home/popularity/b.json"), bytes("1"));

        List<ObjectStore.Entry> kinds = store.list(path("blobs/demo/home"));
        List<ObjectStore.Entry> versions = store.list(path("blobs/demo/home/popularity"));

        assertEquals(List.of("popularity"), kinds.stream().map(ObjectStore.Entry::name).toList());
        assertTrue(kinds.get(0).folder(), "a prefix lists as a folder");
        assertEquals(List.of("a.json", "b.json"), versions.stream().map(ObjectStore.Entry::name).toList());
        assertEquals(List.of(5L, 1L), versions.stream().map(ObjectStore.Entry::size).toList());
        assertTrue(versions.stream().allMatch(v -> !v.folder() && v.modified().isAfter(before)), versions.toString());
        assertEquals(Optional.of(versions.get(0)), store.status(path("blobs/demo/home/popularity/a.json")));
        assertEquals(Optional.empty(), store.status(path("blobs/demo/home/popularity/none.json")));
        assertEquals(List.of(), store.list(path("blobs/none")));
        assertTrue(store.atomicReplace(path("current/demo/home/manifest.json")));
    }

    @Test
    void replaceIfUnchangedSwapsOnlyFromTheVersionRead() {
        HadoopObjectStore store = store(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        Location pointer = path("current/demo/home/manifest.json");
        assertTrue(store.replaceIfUnchanged(pointer, bytes("v1"), Optional.empty()), "created where nothing was");
        assertFalse(store.replaceIfUnchanged(pointer, bytes("v1bis"), Optional.empty()), "If-None-Match on an existing key");
        ObjectStore.Versioned v1 = store.readVersioned(pointer).orElseThrow();

        assertTrue(store.replaceIfUnchanged(pointer, bytes("v2"), Optional.of(v1.tag())));
        assertFalse(store.replaceIfUnchanged(pointer, bytes("v3"), Optional.of(v1.tag())), "a stale ETag is refused (412)");
        assertFalse(store.replaceIfUnchanged(path("current/none/home/manifest.json"), bytes("x"), Optional.of(v1.tag())),
                "If-Match on a missing key is refused (404), not an error");

        assertEquals("v2", new String(s3.get(bucket, "current/demo/home/manifest.json").orElseThrow(), StandardCharsets.UTF_8));
        assertArrayEquals(bytes("v2"), store.readVersioned(pointer).orElseThrow().bytes());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void wrongKeysFailWithTheStorageExitCodeNamingEndpointAndBucket() {
        HadoopObjectStore store = store(S3Server.ACCESS_KEY, "not-the-secret");

        PipelineException e = assertThrows(PipelineException.class, () -> store.read(path("any.json")));

        assertEquals(ExitCode.STORAGE, e.exitCode());
        assertTrue(e.getMessage().contains(s3.url()) && e.getMessage().contains("bucket " + bucket), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-secret"), e.getMessage());
    }
}
