package io.recsys.pipelines.common.storage;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link ObjectStore} promises, on the local folder through java.nio and through Hadoop's
 * FileSystem (the path HDFS and gs:// take). S3 is covered against a real server in the registry's
 * and the jobs' S3 tests.
 */
class ObjectStoreContractTest {
    @TempDir
    java.nio.file.Path tmp;

    static Stream<ObjectStore> stores() {
        return Stream.of(new LocalObjectStore(), new HadoopObjectStore(new Configuration()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void createWritesOnlyWhereNothingIsWhileCreateOrReplaceAlwaysWrites(ObjectStore store) {
        Location object = Location.local(tmp).child("a", "b.json");

        assertTrue(store.create(object, bytes("first")));
        assertFalse(store.create(object, bytes("second")), "create must not replace");
        assertArrayEquals(bytes("first"), store.read(object).orElseThrow());

        store.createOrReplace(object, bytes("third"));
        assertArrayEquals(bytes("third"), store.read(object).orElseThrow());

        Location fresh = Location.local(tmp).child("a", "fresh.json");
        store.createOrReplace(fresh, bytes("new"));
        assertArrayEquals(bytes("new"), store.read(fresh).orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void listingCarriesNamesSizesAndModificationTimes(ObjectStore store) throws Exception {
        Location folder = Location.local(tmp).child("f");
        store.create(folder.child("old.json"), bytes("12345"));
        store.create(folder.child("new.json"), bytes("1"));
        store.create(folder.child("kind", "v.json"), bytes("x"));
        Instant old = Instant.parse("2020-01-02T03:04:05.678Z");
        Files.setLastModifiedTime(tmp.resolve("f/old.json"), FileTime.from(old));

        List<ObjectStore.Entry> entries = store.list(folder);

        assertEquals(List.of("kind", "new.json", "old.json"), entries.stream().map(ObjectStore.Entry::name).toList());
        assertEquals(List.of("kind", "new.json", "old.json"), store.listNames(folder));
        ObjectStore.Entry oldEntry = entries.get(2);
        assertEquals(new ObjectStore.Entry("old.json", 5, old, false), oldEntry);
        assertTrue(entries.get(0).folder());
        assertFalse(entries.get(1).folder());
        assertEquals(1, entries.get(1).size());
        assertTrue(entries.get(1).modified().isAfter(old));

        assertEquals(Optional.of(oldEntry), store.status(folder.child("old.json")));
        assertEquals(Optional.empty(), store.status(folder.child("missing.json")));
        assertEquals(Optional.empty(), store.status(folder.child("kind")), "a folder is no object");
        assertEquals(List.of(), store.list(folder.child("missing")));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void deleteRemovesObjectsAndFolders(ObjectStore store) {
        Location folder = Location.local(tmp).child("d");
        store.create(folder.child("k", "v.json"), bytes("x"));

        assertTrue(store.exists(folder.child("k", "v.json")));
        assertTrue(store.delete(folder));
        assertFalse(store.exists(folder.child("k", "v.json")));
        assertFalse(store.delete(folder));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void replaceIfUnchangedComparesWithTheVersionRead(ObjectStore store) {
        Location pointer = Location.local(tmp).child("p.json");

        assertTrue(store.replaceIfUnchanged(pointer, bytes("v1"), Optional.empty()));
        assertFalse(store.replaceIfUnchanged(pointer, bytes("v1b"), Optional.empty()));
        String tag = store.readVersioned(pointer).orElseThrow().tag();
        assertTrue(store.replaceIfUnchanged(pointer, bytes("v2"), Optional.of(tag)));
        assertFalse(store.replaceIfUnchanged(pointer, bytes("v3"), Optional.of(tag)), "the tag is stale");
        assertArrayEquals(bytes("v2"), store.read(pointer).orElseThrow());
    }
}
