package io.recsys.pipelines.jobs.db;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "catalog", mixinStandardHelpOptions = true, subcommands = {CatalogImportCommand.class},
        description = "The item catalog in the service's PostgreSQL (DB-only mode: README, section \"DB-only mode\").")
public final class CatalogCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: `catalog import --input FILE`");
    }
}
