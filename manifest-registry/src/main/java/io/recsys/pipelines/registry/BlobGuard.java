package io.recsys.pipelines.registry;

import java.util.Map;

/**
 * Keeps the blobs a publish is about to name in place while it commits, so that gc cannot leave the
 * pointer naming a deleted object: called with the pair locked (local registries) before the history
 * entry is created, and again after it exists, just before the pointer swap.
 */
public interface BlobGuard {
    BlobGuard NONE = new BlobGuard() {
        @Override
        public void beforeEntry(Map<String, String> live) {
        }

        @Override
        public void beforeSwap() {
        }
    };

    /** {@code live}: kind to URI of the manifest the entry replaces (its blobs are protected by gc already). */
    void beforeEntry(Map<String, String> live);

    void beforeSwap();
}
