package io.recsys.pipelines.registry.cli;

import io.recsys.pipelines.registry.BlobUris;
import io.recsys.pipelines.registry.ClearedRejection;
import io.recsys.pipelines.registry.Registry;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.registry.RejectedVersion;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "list",
        description = {"List the rejected versions of one (tenant, surface), or of every pair: kind, version, the "
                + "rollback entry that rejected it, when, who and why; then the rejections lifted so far and how.",
                "A rejected version that is live (left by an older release) is flagged: any publish or rollback of "
                        + "the pair lifts its mark."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {ExitCodes.OK, ExitCodes.USAGE, ExitCodes.STORAGE})
public final class RejectedListCommand extends RegistryCommand {
    @ArgGroup(exclusive = false, multiplicity = "0..1")
    PairOptions pair;

    @Option(names = "--json", description = "Print [{\"tenant\", \"surface\", \"rejected\", \"cleared\"}] as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Registry registry = context().registry();
        PrintWriter out = out();
        List<Map<String, Object>> docs = new ArrayList<>();
        for (TenantSurface p : PairOptions.scope(pair, registry)) {
            List<RejectedVersion> rejected = registry.rejections(p.tenant(), p.surface());
            List<ClearedRejection> cleared = registry.clearedRejections(p.tenant(), p.surface());
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("tenant", p.tenant());
                doc.put("surface", p.surface());
                doc.put("rejected", rejected);
                doc.put("cleared", cleared);
                docs.add(doc);
                continue;
            }
            if (pair == null && rejected.isEmpty() && cleared.isEmpty()) {
                continue;
            }
            Map<String, String> live = registry.pointer(p.tenant(), p.surface()).<Map<String, String>>map(m -> m.current()).orElse(Map.of());
            out.printf("%s: %d rejected version(s)%n", p, rejected.size());
            for (RejectedVersion r : rejected) {
                boolean isLive = live.containsKey(r.kind()) && BlobUris.versionOf(live.get(r.kind())).equals(r.version());
                out.printf("  %-12s %s  rejected by rollback #%d at %s by %s: \"%s\"%s%n", r.kind(), r.version(),
                        r.rollbackSeq(), r.rejectedAt(), r.who(), r.reason(), isLive ? "  LIVE (the next change lifts it)" : "");
            }
            for (ClearedRejection c : cleared) {
                out.println("  cleared      " + c.describe());
            }
        }
        if (json) {
            JsonOutput.print(out, docs);
        }
        return 0;
    }
}
