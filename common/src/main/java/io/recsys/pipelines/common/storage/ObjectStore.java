package io.recsys.pipelines.common.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Whole-object reads and writes at {@link Location}s, with the primitives the registry is built on:
 * create-only ({@link #create}: the object appears, or the call reports that one already existed),
 * replace ({@link #createOrReplace}: readers see the old or the new object, never a mix, where
 * {@link #atomicReplace} says so), replace-if-unchanged (compare-and-swap against the version a read
 * returned) and listings with sizes and modification times (gc's ages). {@link RoutingObjectStore}
 * picks the implementation for each location's scheme.
 */
public interface ObjectStore {

    /** An object's bytes and the token of that version (an S3 ETag, elsewhere a content hash). */
    record Versioned(byte[] bytes, String tag) {
        public static Versioned of(byte[] bytes) {
            try {
                return new Versioned(bytes, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Versioned v && Arrays.equals(bytes, v.bytes) && tag.equals(v.tag);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(bytes) + tag.hashCode();
        }

        @Override
        public String toString() {
            return "Versioned[" + tag + ", " + new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.UTF_8) + "]";
        }
    }

    /**
     * One object or folder of a listing. {@code modified} is the last write, to the millisecond (what
     * gc compares ages with); folders, which object stores only imply, report size 0 and, where the store
     * keeps none, the epoch.
     */
    record Entry(String name, long size, Instant modified, boolean folder) {
    }

    Optional<byte[]> read(Location location);

    boolean exists(Location location);

    /** The object's size and modification time; empty if there is none (or a folder: only objects count). */
    Optional<Entry> status(Location location);

    /**
     * Writes the object only if nothing is at {@code location}; returns false if something was. The
     * object appears whole (readers never see part of it) wherever {@link #atomicReplace} holds.
     */
    boolean create(Location location, byte[] bytes);

    /**
     * Writes the object whether or not one is there. Readers see the old or the new object, never a
     * mix, only where {@link #atomicReplace} says so; elsewhere a reader can see a partial object.
     */
    void createOrReplace(Location location, byte[] bytes);

    /**
     * Whether {@link #createOrReplace} at this location is atomic for readers (and {@link #create}
     * publishes whole objects): true on S3 (one PUT) and local folders (rename and link); false on
     * HDFS and the other Hadoop filesystems, where the registry's pointer must not live.
     */
    boolean atomicReplace(Location location);

    /** The direct children of a folder/prefix, sorted by name; empty if it does not exist. */
    List<Entry> list(Location folder);

    /** Names (not locations) of the direct children of a folder/prefix, sorted; empty if it does not exist. */
    default List<String> listNames(Location folder) {
        return list(folder).stream().map(Entry::name).toList();
    }

    /** Deletes an object or a folder recursively; true if something was deleted. */
    boolean delete(Location location);

    /** The object with the token {@link #replaceIfUnchanged} compares against; empty if absent. */
    default Optional<Versioned> readVersioned(Location location) {
        return read(location).map(Versioned::of);
    }

    /**
     * Replaces the object only if it is still the version {@code expected} names (empty: only if
     * there is none); false when it changed meanwhile. Atomic where the store has a conditional
     * write (S3's If-Match / If-None-Match); this default checks, then replaces, which is right only
     * where writers are serialized otherwise (the local registry's file lock) and, for readers, only
     * where {@link #atomicReplace} holds.
     */
    default boolean replaceIfUnchanged(Location location, byte[] bytes, Optional<String> expected) {
        Optional<String> current = readVersioned(location).map(Versioned::tag);
        if (!current.equals(expected)) {
            return false;
        }
        if (expected.isEmpty()) {
            return create(location, bytes);
        }
        createOrReplace(location, bytes);
        return true;
    }
}
