package io.recsys.pipelines.registry;

import org.apache.hadoop.fs.Path;

import java.util.Locale;

/**
 * Where the registry keeps its files (contract section 6), under one root:
 * <pre>
 * current/&lt;tenant&gt;/&lt;surface&gt;/manifest.json              the pointer the service reads (replaced atomically)
 * history/&lt;tenant&gt;/&lt;surface&gt;/&lt;seq&gt;.json                 numbered entries, create-only, never rewritten
 * records/&lt;tenant&gt;/&lt;surface&gt;/&lt;kind&gt;/&lt;version&gt;.json     one per published artifact, create-only (gc may delete)
 * rejected/&lt;tenant&gt;/&lt;surface&gt;/&lt;kind&gt;/&lt;version&gt;.json    create-only marker: a rollback rolled away from this
 *                                                     version; publishing or restoring it again needs --force
 * rejected-cleared/&lt;tenant&gt;/&lt;surface&gt;/&lt;kind&gt;/&lt;version&gt;-&lt;seq&gt;.json   create-only: a marker (set by rollback
 *                                                     entry seq) that was lifted, with who, when and why
 * locks/&lt;tenant&gt;/&lt;surface&gt;.lock                       local registries only: OS file lock of publishers
 * </pre>
 */
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

    public Path recordsFolder(String tenant, String surface) {
        return new Path(root, "records/" + tenant + "/" + surface);
    }

    public Path record(String tenant, String surface, String kind, String version) {
        return new Path(recordsFolder(tenant, surface), kind + "/" + version + ".json");
    }

    public Path rejected(String tenant, String surface, String kind, String version) {
        return new Path(root, "rejected/" + tenant + "/" + surface + "/" + kind + "/" + version + ".json");
    }

    public Path rejectedFolder(String tenant, String surface) {
        return new Path(root, "rejected/" + tenant + "/" + surface);
    }

    public Path clearedRejectionsFolder(String tenant, String surface) {
        return new Path(root, "rejected-cleared/" + tenant + "/" + surface);
    }

    /** One file per lifted marker: a version rejected again later and lifted again gets a second one. */
    public Path clearedRejection(String tenant, String surface, String kind, String version, long rollbackSeq) {
        return new Path(clearedRejectionsFolder(tenant, surface), kind + "/" + version + "-" + rollbackSeq + ".json");
    }

    public Path currentFolder() {
        return new Path(root, "current");
    }

    public Path historyRoot() {
        return new Path(root, "history");
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
