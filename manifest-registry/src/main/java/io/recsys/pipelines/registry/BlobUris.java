package io.recsys.pipelines.registry;

/** Blob keys end in {@code <kind>/<version>.json} (contract 5), so a manifest URI names its version. */
public final class BlobUris {
    private BlobUris() {
    }

    public static String versionOf(String uri) {
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }
}
