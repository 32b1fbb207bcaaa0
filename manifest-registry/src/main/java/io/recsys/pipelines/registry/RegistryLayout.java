package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.storage.Identifiers;
import io.recsys.pipelines.common.storage.PointerTemplate;
import io.recsys.pipelines.common.storage.SafePaths;
import io.recsys.pipelines.common.storage.Location;

import java.time.LocalDate;
import java.util.Locale;

/**
 * Where the registry keeps its files (contract section 6), under one root, and where the blobs
 * and pointers are. Every path made from a tenant, surface, kind, version or day is made here,
 * through {@link SafePaths}: tenants and surfaces must pass the identifier rule (with the layout's
 * reserved names), the other segments the file-name rule, so no value can turn into a scheme, an
 * absolute path, a parent reference or an extra folder level.
 * <pre>
 * current/&lt;tenant&gt;/&lt;surface&gt;/manifest.json              the pointer the service reads (replaced atomically);
 *                                                     elsewhere when storage.manifest_template says so
 * history/&lt;tenant&gt;/&lt;surface&gt;/&lt;seq&gt;.json                 numbered entries, create-only, never rewritten
 * records/&lt;tenant&gt;/&lt;surface&gt;/&lt;kind&gt;/&lt;version&gt;.json     one per published artifact, create-only (gc may delete)
 * rejected/&lt;tenant&gt;/&lt;surface&gt;/&lt;kind&gt;/&lt;version&gt;.json    create-only marker: a rollback rolled away from this
 *                                                     version; publishing or restoring it again needs --force
 * rejected-cleared/&lt;tenant&gt;/&lt;surface&gt;/&lt;kind&gt;/&lt;version&gt;-&lt;seq&gt;.json   create-only: a marker (set by rollback
 *                                                     entry seq) that was lifted, with who, when and why
 * checkpoints/&lt;tenant&gt;/&lt;surface&gt;@&lt;day&gt;.&lt;published|covered&gt;.json
 *                                                     create-only day markers of incremental runs
 * locks/&lt;tenant&gt;/&lt;surface&gt;.lock                       local registries only: OS file lock of publishers and gc
 * &lt;objectstore&gt;/&lt;tenant&gt;/&lt;surface&gt;/&lt;kind&gt;/&lt;version&gt;.json  the blobs, write-once
 * </pre>
 */
public final class RegistryLayout {
    private final Location root;
    private final PointerTemplate pointers;
    private final Identifiers identifiers;

    /** The default pointer location and only the layout's own reserved names. */
    public RegistryLayout(Location root) {
        this(root, PointerTemplate.standard(root), Identifiers.DEFAULT);
    }

    public RegistryLayout(Location root, PointerTemplate pointers, Identifiers identifiers) {
        this.root = root;
        this.pointers = pointers;
        this.identifiers = identifiers;
    }

    public Location root() {
        return root;
    }

    /** Where the pointers are, as the service's RECSYS_ARTIFACT_MANIFEST_TEMPLATE would name them. */
    public PointerTemplate pointerTemplate() {
        return pointers;
    }

    public Identifiers identifiers() {
        return identifiers;
    }

    /** Whether pointers are at {@code <root>/current/<tenant>/<surface>/manifest.json}, where they can be listed. */
    boolean standardPointers() {
        return pointers.standardRoot().filter(r -> sameLocation(r, root)).isPresent();
    }

    public Location pointer(String tenant, String surface) {
        return pointers.locate(identifiers, tenant, surface);
    }

    public Location historyFolder(String tenant, String surface) {
        return SafePaths.child(root, "history", tenant(tenant), surface(surface));
    }

    /** Zero-padded so that a plain listing is in publish order. */
    public Location historyEntry(String tenant, String surface, long seq) {
        return SafePaths.child(historyFolder(tenant, surface), String.format(Locale.ROOT, "%08d.json", seq));
    }

    public Location recordsFolder(String tenant, String surface) {
        return SafePaths.child(root, "records", tenant(tenant), surface(surface));
    }

    public Location record(String tenant, String surface, String kind, String version) {
        return SafePaths.child(recordsFolder(tenant, surface), kind(kind), file(version));
    }

    public Location rejected(String tenant, String surface, String kind, String version) {
        return SafePaths.child(root, "rejected", tenant(tenant), surface(surface), kind(kind), file(version));
    }

    public Location rejectedFolder(String tenant, String surface) {
        return SafePaths.child(root, "rejected", tenant(tenant), surface(surface));
    }

    public Location clearedRejectionsFolder(String tenant, String surface) {
        return SafePaths.child(root, "rejected-cleared", tenant(tenant), surface(surface));
    }

    /** One file per lifted marker: a version rejected again later and lifted again gets a second one. */
    public Location clearedRejection(String tenant, String surface, String kind, String version, long rollbackSeq) {
        return SafePaths.child(clearedRejectionsFolder(tenant, surface), kind(kind), file(version + "-" + rollbackSeq));
    }

    public Location currentFolder() {
        return SafePaths.child(root, "current");
    }

    public Location historyRoot() {
        return SafePaths.child(root, "history");
    }

    /** Local registries serialize publishers and gc of one pair with an OS file lock here. */
    public Location lockFile(String tenant, String surface) {
        return SafePaths.child(root, "locks", tenant(tenant), surface(surface) + ".lock");
    }

    public Location checkpointsRoot() {
        return SafePaths.child(root, "checkpoints");
    }

    /** Holds the day markers of every surface of the tenant, so one listing reads them all. */
    public Location checkpointsFolder(String tenant) {
        return SafePaths.child(checkpointsRoot(), tenant(tenant));
    }

    /** {@code <surface>@<day>.<kind>.json}: '@' is no identifier character, so the name splits one way only. */
    public Location checkpointMarker(String tenant, String surface, LocalDate day, String kind) {
        return SafePaths.child(checkpointsFolder(tenant), surface(surface) + "@" + day + "." + SafePaths.name("marker", kind)
                + ".json");
    }

    /** The single replaced file of earlier versions, still read so that their checkpoints carry over. */
    public Location legacyCheckpoint(String tenant, String surface) {
        return SafePaths.child(checkpointsFolder(tenant), surface(surface) + ".json");
    }

    /** The folder of one pair's blobs under the object-store root. */
    public Location blobFolder(Location objectStoreRoot, String tenant, String surface) {
        return SafePaths.child(objectStoreRoot, tenant(tenant), surface(surface));
    }

    public Location blob(Location objectStoreRoot, String tenant, String surface, String kind, String version) {
        return SafePaths.child(blobFolder(objectStoreRoot, tenant, surface), kind(kind), file(version));
    }

    private String tenant(String tenant) {
        return SafePaths.identifier(identifiers, "tenant", tenant);
    }

    private String surface(String surface) {
        return SafePaths.identifier(identifiers, "surface", surface);
    }

    private static String kind(String kind) {
        return SafePaths.name("artifact kind", kind);
    }

    private static String file(String version) {
        return SafePaths.name("version", version) + ".json";
    }

    private static boolean sameLocation(Location a, Location b) {
        return a.serviceUri().equals(b.serviceUri());
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

    @Override
    public String toString() {
        return "RegistryLayout[root=" + root + ", pointers=" + pointers + "]";
    }
}
