package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.LocalObjectStore;
import io.recsys.pipelines.common.storage.ObjectStore;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Real files, with the failures of a flaky network on history entries: a create that times out
 * after it landed or before, and reads that fail once a create has failed. Everything else is the
 * local store as it is.
 */
final class FlakyStore implements ObjectStore {
    private final ObjectStore real = new LocalObjectStore();
    private int failingCreates;
    private boolean landsBeforeFailing;
    private boolean readsFailAfterward;
    private boolean readsFailing;
    private Consumer<Path> meanwhile = path -> { };

    /** The next {@code n} entry creates time out; when {@code landed}, each wrote its entry first. */
    FlakyStore timeOutEntryCreates(int n, boolean landed) {
        failingCreates = n;
        landsBeforeFailing = landed;
        return this;
    }

    /** After a create timed out, reading entries fails too (storage is down, not just slow). */
    FlakyStore thenFailEntryReads() {
        readsFailAfterward = true;
        return this;
    }

    /** Runs while a create is timing out, e.g. another publisher creating the same entry. */
    FlakyStore meanwhile(Consumer<Path> action) {
        meanwhile = action;
        return this;
    }

    void heal() {
        failingCreates = 0;
        readsFailing = false;
        readsFailAfterward = false;
    }

    private static boolean isEntry(Path path) {
        return path.toString().contains("/history/");
    }

    @Override
    public boolean createIfAbsent(Path path, byte[] bytes) {
        if (isEntry(path) && failingCreates > 0) {
            failingCreates--;
            meanwhile.accept(path);
            if (landsBeforeFailing) {
                real.createIfAbsent(path, bytes);
            }
            readsFailing = readsFailAfterward;
            throw PipelineException.storage("cannot create " + path + ": simulated timeout", new IOException("timeout"));
        }
        return real.createIfAbsent(path, bytes);
    }

    @Override
    public Optional<byte[]> read(Path path) {
        if (isEntry(path) && readsFailing) {
            throw PipelineException.storage("cannot read " + path + ": simulated outage", new IOException("outage"));
        }
        return real.read(path);
    }

    @Override
    public boolean exists(Path path) {
        return real.exists(path);
    }

    @Override
    public void replace(Path path, byte[] bytes) {
        real.replace(path, bytes);
    }

    @Override
    public List<String> listNames(Path folder) {
        return real.listNames(folder);
    }

    @Override
    public boolean delete(Path path) {
        return real.delete(path);
    }
}
