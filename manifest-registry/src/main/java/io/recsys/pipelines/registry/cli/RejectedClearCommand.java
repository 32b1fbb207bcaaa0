package io.recsys.pipelines.registry.cli;

import io.recsys.pipelines.registry.RunIdentity;
import io.recsys.pipelines.registry.ClearedRejection;
import io.recsys.pipelines.registry.Registry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "clear",
        description = {"Lift the rejection of one version, so that a later publish or rollback may make it live "
                + "without --force. Recorded like any registry change: who, when and why go into "
                + "<registry>/rejected-cleared/<tenant>/<surface>/<kind>/<version>-<rollback seq>.json "
                + "(`manifest rejected list` shows it); the live manifest is not touched."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {ExitCodes.OK, "2:usage or configuration error, or no such rejected version", ExitCodes.STORAGE})
public final class RejectedClearCommand extends RegistryCommand {
    @ArgGroup(exclusive = false, multiplicity = "1")
    PairOptions pair;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "The artifact kind, e.g. popularity.")
    String kind;

    @Option(names = "--version", required = true, paramLabel = "VERSION",
            description = "The rejected version, as `manifest rejected list` prints it.")
    String version;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why: kept in the record.")
    String reason;

    @Override
    public Integer call() {
        Registry registry = writingContext().registry();
        ClearedRejection cleared = registry.clearRejection(pair.tenant, pair.surface, kind, version, RunIdentity.who(), reason);
        out().printf("%s/%s: %s%n", pair.tenant, pair.surface, cleared.describe());
        return 0;
    }
}
