package io.recsys.pipelines.registry.cli;

import io.recsys.pipelines.registry.RunIdentity;
import io.recsys.pipelines.registry.HistoryEntry;
import io.recsys.pipelines.registry.PublishOutcome;
import io.recsys.pipelines.registry.RegistryContext;
import io.recsys.pipelines.registry.RollbackRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "rollback",
        description = {"Make the manifest of an earlier history entry live again, as a new history entry (action "
                + "rollback, with who and why), then swap the pointer, the same way a publish does.",
                "The versions rolled away from are marked rejected under <registry>/rejected/: a later publish or "
                        + "rollback that would make one of them live again is refused (exit 5), naming the rollback "
                        + "that rejected it, unless it is forced (`run --force`, `rollback --force`). A version made "
                        + "live again loses its mark (recorded; `manifest rejected list`).",
                "Refused before any change when a blob of the target entry is gone (exit 5)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {ExitCodes.OK, ExitCodes.USAGE, ExitCodes.REFUSED, ExitCodes.CONFLICT, ExitCodes.STORAGE})
public final class RollbackCommand extends RegistryCommand {
    @ArgGroup(exclusive = false, multiplicity = "1")
    PairOptions pair;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--to", paramLabel = "SEQ", description = "The history entry to restore (see `manifest history`).")
        Long toSeq;

        @Option(names = "--steps", paramLabel = "N", description = "Restore the entry N before the newest one.")
        Integer steps;
    }

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
            description = "Why: written into the history entry and the rejected markers.")
    String reason;

    @Option(names = "--force", description = "Restore the target even if a rollback rejected one of its versions "
            + "(recorded in the history entry).")
    boolean force;

    @Override
    public Integer call() {
        RegistryContext context = writingContext();
        RollbackRequest request = new RollbackRequest(pair.tenant, pair.surface, target.toSeq, target.steps, reason,
                RunIdentity.who(), RunIdentity.changeId("rollback", clock().instant()), force);
        PublishOutcome outcome = context.registry().rollback(request, context.store());
        HistoryEntry entry = context.registry().entry(pair.tenant, pair.surface, outcome.seq());
        PrintWriter out = out();
        if (!outcome.published()) {
            out.printf("%s/%s: that manifest is already live (entry #%d); nothing changed%n", pair.tenant, pair.surface,
                    entry.seq());
            return 0;
        }
        out.printf("%s/%s rolled back: history entry #%d restores #%d and is live%n", pair.tenant, pair.surface,
                entry.seq(), entry.rollbackToSeq());
        EntryText.printVersions(out, entry);
        EntryText.printForcedRejections(out, entry);
        outcome.warnings().forEach(w -> err().println("warning: " + w));
        return 0;
    }
}
