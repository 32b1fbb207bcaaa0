package io.recsys.pipelines.common.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, point 6: a power cut must not leave a name for an empty file. The content is flushed
 * before the name appears (link or rename), and the folder after.
 */
class LocalObjectStoreSyncTest {
    @TempDir
    java.nio.file.Path tmp;

    private final List<String> events = new ArrayList<>();

    private final LocalObjectStore.Sync recording = new LocalObjectStore.Sync() {
        @Override
        public void file(FileChannel channel, java.nio.file.Path file) throws IOException {
            events.add("sync file, target exists=" + Files.exists(target()) + ", size=" + channel.size());
            channel.force(true);
        }

        @Override
        public void folder(java.nio.file.Path folder) {
            events.add("sync folder " + folder.getFileName() + ", target exists=" + Files.exists(target()));
        }
    };

    private java.nio.file.Path target() {
        return tmp.resolve("history/demo/home/00000001.json");
    }

    @Test
    void createOnlyFlushesTheContentBeforeTheNameAppears() {
        LocalObjectStore store = new LocalObjectStore(recording);

        assertTrue(store.create(Location.local(target()), "{\"seq\":1}".getBytes(StandardCharsets.UTF_8)));

        assertEquals(List.of("sync file, target exists=false, size=9", "sync folder home, target exists=true"), events);
    }

    @Test
    void replaceFlushesTheContentBeforeTheRename() throws IOException {
        LocalObjectStore store = new LocalObjectStore(recording);
        Location path = Location.local(target());
        store.createOrReplace(path, "old".getBytes(StandardCharsets.UTF_8));
        events.clear();

        store.createOrReplace(path, "new!".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("sync file, target exists=true, size=4", "sync folder home, target exists=true"), events);
        assertEquals("new!", Files.readString(target()));
        try (var files = Files.list(target().getParent())) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith(".tmp-")), "no temporary file is left");
        }
    }
}
