package io.recsys.pipelines.registry.cli;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.registry.HistoryEntry;
import io.recsys.pipelines.registry.Manifest;
import io.recsys.pipelines.registry.Registry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

@Command(name = "show",
        description = {"Show the live manifest of one (tenant, surface), exactly the pointer the service reads, and "
                + "the history entry behind it: action, when, who, why, and per artifact its version, window, items "
                + "and bytes.",
                "Warns when the pointer lags the newest history entry (a publish in progress or interrupted; the next "
                        + "publish completes it)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {ExitCodes.OK, ExitCodes.USAGE, ExitCodes.STORAGE})
public final class ShowCommand extends RegistryCommand {
    @ArgGroup(exclusive = false, multiplicity = "1")
    PairOptions pair;

    @Option(names = "--json", description = "Print {\"pointer\", \"manifest\", \"entry\", \"newest_seq\"} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Registry registry = context().registry();
        String tenant = pair.tenant;
        String surface = pair.surface;
        Manifest manifest = registry.pointer(tenant, surface).orElseThrow(() -> PipelineException.usage(
                "no live manifest for " + tenant + "/" + surface + " at " + registry.layout().pointer(tenant, surface)
                        + "; `manifest status` lists the pairs of this registry"));
        long newestSeq = registry.latestSeq(tenant, surface);
        Optional<HistoryEntry> behind = entryBehind(registry, tenant, surface, manifest, newestSeq);
        PrintWriter out = out();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("pointer", registry.layout().pointer(tenant, surface).serviceUri());
            doc.put("manifest", manifest);
            doc.put("entry", behind.orElse(null));
            doc.put("newest_seq", newestSeq);
            JsonOutput.print(out, doc);
            return 0;
        }
        out.printf("%s/%s  live manifest %s%n", tenant, surface,
                registry.layout().pointer(tenant, surface).serviceUri());
        out.printf("  updated_at   %s%n", manifest.updatedAt());
        manifest.current().forEach((kind, uri) -> out.printf("  %-12s %s%n", kind, uri));
        behind.ifPresentOrElse(e -> printEntry(out, e),
                () -> out.println("no history entry holds this manifest (written by another tool?)"));
        if (behind.isEmpty() || behind.get().seq() != newestSeq) {
            err().printf("warning: the newest history entry is #%d but the pointer is not at it: "
                    + "a publish is in progress or was interrupted; the next publish completes the swap%n", newestSeq);
        }
        return 0;
    }

    private static void printEntry(PrintWriter out, HistoryEntry e) {
        out.println("history entry " + EntryText.headline(e));
        if (e.previousSeq() != null) {
            out.printf("  previous     #%d%n", e.previousSeq());
        }
        Optional.ofNullable(e.artifacts()).orElse(Map.of()).forEach((kind, ref) -> out.printf("  %-12s version %s  %d %s  %d bytes  window %s..%s%s%n",
                kind, ref.version(), ref.items(), countLabel(kind), ref.bytes(), ref.windowStart(), ref.windowEnd(),
                ref.segment() == null || ref.segment().isEmpty() ? "" : "  segment " + ref.segment()));
        if (e.rejected() != null) {
            e.rejected().forEach((kind, version) -> out.printf("  rejected     %s %s%n", kind, version));
        }
    }

    /** What the count of a kind counts ("anchors with neighbours"); plain "items" for a kind this release does not know. */
    private static String countLabel(String kind) {
        return ArtifactKind.find(kind).map(ArtifactKind::countLabel).orElse("items");
    }

    /** Normally the newest entry; after an interrupted publish, an older one. */
    private static Optional<HistoryEntry> entryBehind(Registry registry, String tenant, String surface, Manifest manifest,
                                                      long newestSeq) {
        for (long seq = newestSeq; seq >= 1; seq--) {
            HistoryEntry entry = registry.entry(tenant, surface, seq);
            if (entry.manifest().equals(manifest)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }
}
