package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.storage.ObjectStore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rollback's blob fence, the publish's rule ({@link BlobGuard}) for blobs it did not write: before
 * the history entry, each blob of the target that is not live is read and, on S3 where nothing locks
 * gc out, written again with its own bytes (same content, a new modification time, younger than the
 * newest history entry, which gc spares); just before the swap, a blob that went missing anyway is put
 * back from those bytes. So gc racing a rollback can never leave the pointer naming a deleted blob.
 */
final class RestoredBlobs implements BlobGuard {
    private final ObjectStore blobs;
    private final String pair;
    private final Map<String, String> target;
    private final Map<Location, byte[]> held = new LinkedHashMap<>();

    RestoredBlobs(ObjectStore blobs, String pair, Map<String, String> target) {
        this.blobs = blobs;
        this.pair = pair;
        this.target = target;
    }

    @Override
    public void beforeEntry(Map<String, String> live) {
        target.forEach((kind, uri) -> {
            if (uri.equals(live.get(kind))) {
                return; // the live manifest's blobs are protected by gc already
            }
            Location path = Location.fromServiceUri(uri);
            byte[] bytes = blobs.read(path).orElseThrow(() -> new PipelineException(ExitCode.GATE_REFUSED,
                    "refusing to roll " + pair + " back: the blob " + uri + " is gone (deleted while the rollback "
                            + "started). Nothing was changed; pick another entry from `manifest history`."));
            held.put(path, bytes);
            if (!path.isLocal()) {
                blobs.createOrReplace(path, bytes);
            }
        });
    }

    @Override
    public void beforeSwap() {
        held.forEach((path, bytes) -> {
            if (!blobs.exists(path)) {
                blobs.create(path, bytes);
            }
        });
    }
}
