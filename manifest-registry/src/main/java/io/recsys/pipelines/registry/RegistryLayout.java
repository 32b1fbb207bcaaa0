package io.recsys.pipelines.registry;

import org.apache.hadoop.fs.Path;

import java.util.Locale;

/** Where the registry keeps its files (contract section 6). */
public record RegistryLayout(Path root) {

    public Path pointer(String tenant, String surface) {
        return new Path(root, "current/" + tenant + "/" + surface + "/manifest.json");
    }

    public Path historyFolder(String tenant, String surface) {
        return new Path(root, "history/" + tenant + "/" + surface);
    }

    /** Zero-padded so that a plain listing is in publish order. */
    public Path historyEntry(String tenant, String surface, long seq) {
        return new Path(historyFolder(tenant, surface), String.format(Locale.ROOT, "%08d.json", seq));
    }

    public Path record(String tenant, String surface, String kind, String version) {
        return new Path(root, "records/" + tenant + "/" + surface + "/" + kind + "/" + version + ".json");
    }

    public Path currentFolder() {
        return new Path(root, "current");
    }

    /** Local registries serialize publishers of one pair with an OS file lock here. */
    public Path lockFile(String tenant, String surface) {
        return new Path(root, "locks/" + tenant + "/" + surface + ".lock");
    }

    static long seqOf(String historyFileName) {
        if (!historyFileName.endsWith(".json")) {
            return -1;
        }
        try {
            return Long.parseLong(historyFileName.substring(0, historyFileName.length() - ".json".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
