package io.recsys.pipelines.registry.cli;

import io.recsys.pipelines.registry.HistoryEntry;
import io.recsys.pipelines.registry.Registry;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;

@Command(name = "history",
        description = {"List the history entries of one (tenant, surface), newest first: sequence number, action "
                + "(publish or rollback), when, who, run id, why, whether it was forced, and the version of every "
                + "kind the entry made live.",
                "History is never rewritten: a rollback is a new entry that restores an earlier one (`restores #N`)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {ExitCodes.OK, ExitCodes.USAGE, ExitCodes.STORAGE})
public final class HistoryCommand extends RegistryCommand {
    @ArgGroup(exclusive = false, multiplicity = "1")
    PairOptions pair;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "At most N entries (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the entries as a JSON array, as they are stored.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
        }
        Registry registry = context().registry();
        List<HistoryEntry> entries = registry.history(pair.tenant, pair.surface, limit);
        PrintWriter out = out();
        if (json) {
            JsonOutput.print(out, entries);
            return 0;
        }
        long total = registry.latestSeq(pair.tenant, pair.surface);
        out.printf("%s/%s: %d of %d entries, newest first%n", pair.tenant, pair.surface, entries.size(), total);
        for (HistoryEntry e : entries) {
            out.println(EntryText.headline(e));
            EntryText.printVersions(out, e);
        }
        return 0;
    }
}
