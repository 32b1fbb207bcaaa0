package io.recsys.pipelines.common.storage;

import org.apache.hadoop.fs.Path;

import java.util.List;
import java.util.Optional;

/**
 * Whole-object reads and writes with the two atomic primitives the registry is built on:
 * create-only (the object appears whole, or the call reports that it already existed) and
 * replace (readers see the old or the new object, never a mix).
 */
public interface ObjectStore {

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
}
