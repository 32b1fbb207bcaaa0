package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.storage.ObjectStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a rollback changes, decided and checked before anything is written: the target's blobs
 * must all still be readable, and the live URIs that differ from the target's are rolled away from.
 */
record RollbackPlan(HistoryEntry target, Map<String, String> rolledAwayUris) {

    static RollbackPlan of(HistoryEntry live, HistoryEntry target, ObjectStore blobs) {
        Map<String, String> liveCurrent = live.manifest().current();
        Map<String, String> targetCurrent = target.manifest().current();
        String pair = live.manifest().tenant() + "/" + live.manifest().surface();
        List<String> missing = targetCurrent.values().stream()
                .filter(uri -> !blobs.exists(Location.fromServiceUri(uri))).toList();
        if (!missing.isEmpty()) {
            throw new PipelineException(ExitCode.GATE_REFUSED, "refusing to roll " + pair + " back to entry "
                    + target.seq() + ": its blobs are gone (" + String.join(", ", missing) + "). Nothing was changed; "
                    + "pick another entry from `manifest history`.");
        }
        Map<String, String> rolledAway = new TreeMap<>();
        liveCurrent.forEach((kind, uri) -> {
            if (!uri.equals(targetCurrent.get(kind))) {
                rolledAway.put(kind, uri);
            }
        });
        return new RollbackPlan(target, rolledAway);
    }

    /** Kind to version, as written into the rollback's history entry. */
    Map<String, String> rolledAway() {
        Map<String, String> versions = new TreeMap<>();
        rolledAwayUris.forEach((kind, uri) -> versions.put(kind, BlobUris.versionOf(uri)));
        return versions;
    }

    List<RejectedVersion> rejections(long rollbackSeq, String now, RollbackRequest request) {
        return rolledAwayUris.entrySet().stream()
                .map(e -> new RejectedVersion(e.getKey(), BlobUris.versionOf(e.getValue()), e.getValue(), rollbackSeq,
                        now, request.who(), request.reason()))
                .toList();
    }

    /** The restored artifacts as their records describe them (a record gc removed is left out). */
    Map<String, ArtifactRef> artifacts(Registry registry, String tenant, String surface) {
        Map<String, ArtifactRef> refs = new LinkedHashMap<>();
        target.manifest().current().forEach((kind, uri) -> registry.readRecord(tenant, surface, kind,
                BlobUris.versionOf(uri)).ifPresent(ref -> refs.put(kind, ref)));
        return refs;
    }
}
