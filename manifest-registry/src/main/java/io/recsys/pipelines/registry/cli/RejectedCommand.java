package io.recsys.pipelines.registry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `manifest rejected`: the versions rollbacks rejected, and lifting a rejection on purpose. */
@Command(name = "rejected",
        description = {"The versions a rollback rolled away from. Publishing or restoring one of them again is "
                + "refused (exit 5) unless forced; a version made live again loses its mark. Every lifted mark is "
                + "recorded (who, when, why, how) under <registry>/rejected-cleared/."},
        subcommands = {RejectedListCommand.class, RejectedClearCommand.class})
public final class RejectedCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: `manifest rejected list` or `manifest rejected clear`");
    }
}
