package io.recsys.pipelines.common.storage;

import org.apache.hadoop.fs.Path;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Whole-object reads and writes with the atomic primitives the registry is built on:
 * create-only (the object appears whole, or the call reports that it already existed), replace
 * (readers see the old or the new object, never a mix) and replace-if-unchanged (compare-and-swap
 * against the version a read returned).
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

    Optional<byte[]> read(Path path);

    boolean exists(Path path);

    /** Writes the object only if nothing is at {@code path}; returns false if something was. */
    boolean createIfAbsent(Path path, byte[] bytes);

    /** Replaces the object atomically. */
    void replace(Path path, byte[] bytes);

    /** Names (not paths) of the direct children of a folder/prefix; empty if it does not exist. */
    List<String> listNames(Path folder);

    /** Deletes an object or a folder recursively; true if something was deleted. */
    boolean delete(Path path);

    /** The object with the token {@link #replaceIfUnchanged} compares against; empty if absent. */
    default Optional<Versioned> readVersioned(Path path) {
        return read(path).map(Versioned::of);
    }

    /**
     * Replaces the object only if it is still the version {@code expected} names (empty: only if
     * there is none); false when it changed meanwhile. Atomic where the store has a conditional
     * write (S3's If-Match / If-None-Match); this default checks, then replaces, which is right only
     * where writers are serialized otherwise (the local registry's file lock).
     */
    default boolean replaceIfUnchanged(Path path, byte[] bytes, Optional<String> expected) {
        Optional<String> current = readVersioned(path).map(Versioned::tag);
        if (!current.equals(expected)) {
            return false;
        }
        if (expected.isEmpty()) {
            return createIfAbsent(path, bytes);
        }
        replace(path, bytes);
        return true;
    }
}
