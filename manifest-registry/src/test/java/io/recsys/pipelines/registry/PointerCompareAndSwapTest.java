package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.common.storage.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.recsys.pipelines.registry.RegistryFixture.popularity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pointer swap is a compare-and-swap against the pointer read before the newest-entry check:
 * a publisher delayed between its check and its write (while a rival created a newer entry and
 * swapped to it) has its write refused, instead of putting an older manifest live for a while.
 */
class PointerCompareAndSwapTest {
    @TempDir
    java.nio.file.Path tmp;

    /** Real files; before the first pointer write of the publish under test, the rival publishes and swaps. */
    private static final class DelayedWriterStore extends ForwardingStore {
        private final List<String> pointerWrites = new ArrayList<>();
        private Runnable beforeFirstPointerWrite = () -> { };

        private void delay(Location path) {
            if (path.toString().contains("/current/")) {
                Runnable rival = beforeFirstPointerWrite;
                beforeFirstPointerWrite = () -> { };
                rival.run();
            }
        }

        private void record(Location path, byte[] bytes) {
            if (path.toString().contains("/current/")) {
                pointerWrites.add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
        }

        @Override
        public boolean create(Location path, byte[] bytes) {
            delay(path);
            boolean created = real.create(path, bytes);
            if (created) {
                record(path, bytes);
            }
            return created;
        }

        @Override
        public void createOrReplace(Location path, byte[] bytes) {
            delay(path);
            real.createOrReplace(path, bytes);
            record(path, bytes);
        }

        @Override
        public boolean replaceIfUnchanged(Location path, byte[] bytes, Optional<String> expected) {
            delay(path);
            // The check and the write as one step, as S3's If-Match is (nothing else writes meanwhile here).
            Optional<String> current = real.readVersioned(path).map(Versioned::tag);
            if (!current.equals(expected)) {
                return false;
            }
            real.createOrReplace(path, bytes);
            record(path, bytes);
            return true;
        }

    }

    @Test
    void aWriteDelayedPastARivalsNewerSwapIsRefusedAndThePointerStaysOnTheNewestEntry() {
        DelayedWriterStore store = new DelayedWriterStore();
        RegistryFixture fx = new RegistryFixture(tmp).withStore(store);
        fx.publish(popularity("A=9"));
        Manifest first = fx.pointer();
        Manifest rivals = first.withArtifacts(first.current(), "2026-01-03T00:00:00Z");
        byte[] rivalsPointer = rivals.toBytes();
        store.beforeFirstPointerWrite = () -> {
            // The rival takes entry 3 and swaps to it while our write (entry 2) is on its way.
            Rival.createsEntry(fx, 3, rivals);
            store.real.createOrReplace(Location.local(fx.pointerFile(RegistryFixture.TENANT, RegistryFixture.SURFACE)),
                    rivalsPointer);
        };
        store.pointerWrites.clear();

        fx.publish(popularity("B=9"));

        assertEquals(new String(rivalsPointer, java.nio.charset.StandardCharsets.UTF_8),
                new String(fx.pointerBytes(), java.nio.charset.StandardCharsets.UTF_8), "the newest entry is live");
        assertTrue(store.pointerWrites.isEmpty(), "no older manifest was ever written over the rival's: " + store.pointerWrites);
    }
}
