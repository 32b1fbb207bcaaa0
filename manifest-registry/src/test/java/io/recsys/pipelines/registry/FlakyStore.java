package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.Location;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Real files, with the failures of a flaky network on history entries: a create that times out
 * after it landed or before, and reads that fail once a create has failed. Everything else is the
 * local store as it is.
 */
final class FlakyStore extends ForwardingStore {
    private int failingCreates;
    private boolean landsBeforeFailing;
    private boolean readsFailAfterward;
    private boolean readsFailing;
    private Consumer<Location> meanwhile = path -> { };

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
    FlakyStore meanwhile(Consumer<Location> action) {
        meanwhile = action;
        return this;
    }

    void heal() {
        failingCreates = 0;
        readsFailing = false;
        readsFailAfterward = false;
    }

    private static boolean isEntry(Location path) {
        return path.toString().contains("/history/");
    }

    @Override
    public boolean create(Location path, byte[] bytes) {
        if (isEntry(path) && failingCreates > 0) {
            failingCreates--;
            meanwhile.accept(path);
            if (landsBeforeFailing) {
                real.create(path, bytes);
            }
            readsFailing = readsFailAfterward;
            throw PipelineException.storage("cannot create " + path + ": simulated timeout", new IOException("timeout"));
        }
        return real.create(path, bytes);
    }

    @Override
    public Optional<byte[]> read(Location path) {
        if (isEntry(path) && readsFailing) {
            throw PipelineException.storage("cannot read " + path + ": simulated outage", new IOException("outage"));
        }
        return real.read(path);
    }
}
