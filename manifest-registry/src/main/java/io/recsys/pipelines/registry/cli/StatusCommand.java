package io.recsys.pipelines.registry.cli;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.registry.PairStatus;
import io.recsys.pipelines.registry.Registry;
import io.recsys.pipelines.registry.RegistryStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

@Command(name = "status",
        description = {"List every (tenant, surface) of the registry with its manifest age (now - updated_at) and its "
                + "last change (newest history entry: seq, action, when, run id).",
                "The freshness alarm: exit 4 when any manifest is older than --max-age, or a pair has no readable "
                        + "manifest. Set --max-age to twice the schedule interval (48h for a daily run)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {ExitCodes.OK, ExitCodes.USAGE,
                "4:stale: a manifest is older than --max-age (a configured limit was exceeded) or missing",
                ExitCodes.STORAGE})
public final class StatusCommand extends RegistryCommand {
    @Option(names = "--max-age", paramLabel = "DURATION", defaultValue = "48h", converter = Durations.Converter.class,
            description = "Oldest acceptable manifest: 7d, 36h, 90m, 1w (default: ${DEFAULT-VALUE}).")
    Duration maxAge;

    @Option(names = "--json", description = "Print the statuses as a JSON array.")
    boolean json;

    @Override
    public Integer call() {
        Registry registry = context().registry();
        List<PairStatus> statuses = RegistryStatus.of(registry, clock().instant(), maxAge);
        PrintWriter out = out();
        String template = "pointers checked at " + registry.layout().pointerTemplate()
                + " (storage.manifest_template / RECSYS_ARTIFACT_MANIFEST_TEMPLATE)";
        if (statuses.isEmpty()) {
            err().println("no (tenant, surface) under " + registry.layout().root());
        }
        registry.strayNames().forEach(name -> err().println("warning: " + name + " under " + registry.layout().root()
                + " is not a valid tenant or surface name; ignored (left by an older version or by hand)"));
        if (json) {
            err().println(template);
            JsonOutput.print(out, statuses);
        } else {
            out.println(template);
            out.printf("%-28s %-8s %-21s %-6s %-9s %-21s %s%n", "TENANT/SURFACE", "AGE", "UPDATED_AT", "LAST", "ACTION",
                    "AT", "RUN");
            statuses.forEach(s -> out.println(row(s)));
        }
        long stale = statuses.stream().filter(PairStatus::stale).count();
        if (stale > 0) {
            err().printf("%d of %d pairs are stale (max-age %s)%n", stale, statuses.size(),
                    Durations.format(maxAge));
            return ExitCode.LIMIT_EXCEEDED.code();
        }
        return 0;
    }

    private String row(PairStatus s) {
        String row = String.format("%-28s %-8s %-21s %-6s %-9s %-21s %s", s.tenant() + "/" + s.surface(),
                s.ageSeconds() == null ? "-" : Durations.format(Duration.ofSeconds(s.ageSeconds())),
                dash(s.updatedAt()), s.lastSeq() == null ? "-" : "#" + s.lastSeq(), dash(s.lastAction()),
                dash(s.lastAt()), dash(s.lastRunId()));
        if (s.note() != null) {
            return row + "  STALE: " + s.note();
        }
        return s.stale() ? row + "  STALE (older than " + Durations.format(maxAge) + ")" : row;
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
