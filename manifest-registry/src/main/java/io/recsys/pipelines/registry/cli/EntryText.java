package io.recsys.pipelines.registry.cli;

import io.recsys.pipelines.registry.BlobUris;
import io.recsys.pipelines.registry.HistoryEntry;

import java.io.PrintWriter;
import java.util.Map;

/** How a history entry reads for a human: one headline, then the version of every live kind. */
final class EntryText {
    private EntryText() {
    }

    static String headline(HistoryEntry e) {
        StringBuilder s = new StringBuilder("#" + e.seq() + "  " + e.action() + "  " + e.createdAt() + "  by " + e.who());
        if (e.runId() != null) {
            s.append("  run ").append(e.runId());
        }
        if (e.rollbackToSeq() != null) {
            s.append("  restores #").append(e.rollbackToSeq());
        }
        if (e.forced()) {
            s.append("  FORCED");
        }
        if (e.reason() != null) {
            s.append("  \"").append(e.reason()).append('"');
        }
        return s.toString();
    }

    /** The rejected versions a forced publish or rollback made live again (their marks are lifted). */
    static void printForcedRejections(PrintWriter out, HistoryEntry e) {
        if (e.validation() == null) {
            return;
        }
        e.validation().forEach((kind, gates) -> {
            if (gates instanceof Map<?, ?> m && m.get("rejected_version") instanceof String r && r.startsWith("forced: ")) {
                out.printf("    %-12s live again although %s; its rejected mark is lifted%n", kind,
                        r.substring("forced: ".length()).replaceFirst("^\\S+ version \\S+ ", "it "));
            }
        });
    }

    static void printVersions(PrintWriter out, HistoryEntry e) {
        e.manifest().current().forEach((kind, uri) -> out.printf("    %-12s %s%s%n", kind, BlobUris.versionOf(uri),
                e.rejected() != null && e.rejected().containsKey(kind)
                        ? "  (rolled away from " + e.rejected().get(kind) + ", which it marked rejected)" : ""));
    }
}
