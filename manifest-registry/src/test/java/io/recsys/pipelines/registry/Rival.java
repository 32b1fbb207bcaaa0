package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.storage.LocalObjectStore;
import io.recsys.pipelines.common.storage.Location;

import java.util.Map;

/**
 * Another publisher, as an S3 registry without a lock could meet it: it creates history entry N
 * at the worst moment, and has not swapped the pointer yet.
 */
final class Rival {
    static final String RUN_ID = "rival-run";
    static final String WHO = "rival@elsewhere";

    private Rival() {
    }

    /** Creates entry {@code seq} of demo/home holding {@code manifest}, as the rival's publish would. */
    static void createsEntry(RegistryFixture fx, long seq, Manifest manifest) {
        HistoryEntry entry = new HistoryEntry(seq, HistoryEntry.PUBLISH, seq - 1, null, manifest.updatedAt(), RUN_ID,
                WHO, "rival publish", false, null, manifest, Map.of(), Map.of(), Map.of());
        Location path = new RegistryLayout(Location.of(fx.registryDir().toString()))
                .historyEntry(RegistryFixture.TENANT, RegistryFixture.SURFACE, seq);
        new LocalObjectStore().create(path, RegistryJson.prettyBytes(entry));
    }
}
