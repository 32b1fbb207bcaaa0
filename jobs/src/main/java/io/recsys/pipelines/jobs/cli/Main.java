package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code recsys-pipelines}, for the local wrapper and for spark-submit alike. The
 * process ends with the documented code of the failure (see README, "Exit codes"), in the way each
 * launcher reports it.
 */
@Command(name = "recsys-pipelines", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Builds recommender artifacts with Spark and publishes them through a manifest registry.",
        subcommands = {RunCommand.class, GenerateCommand.class, io.recsys.pipelines.registry.cli.ManifestCommand.class,
                DbSignalsCommand.class, io.recsys.pipelines.jobs.db.CatalogCommand.class,
                io.recsys.pipelines.jobs.tables.TableCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, e.g. `run --date 2026-01-01`");
    }

    /** Ends as the launcher needs to report the code: returns on 0 under Spark's launchers ({@link LauncherExit}). */
    public static void main(String[] args) throws Exception {
        LauncherExit.exit(execute(args));
    }

    /** Runs a command and returns its exit code instead of exiting (tests call this). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        UsageErrors.registerConverters(cli);
        cli.setParameterExceptionHandler(UsageErrors::parameterError);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, commandLine));
        return cli.execute(args);
    }

    static int handle(Exception e, CommandLine commandLine) {
        PipelineException known = PipelineException.find(e);
        if (known != null && known.exitCode() == ExitCode.USAGE) {
            return UsageErrors.print(commandLine.getErr(), known.getMessage(), commandLine);
        }
        if (known != null) {
            commandLine.getErr().println("error: " + known.getMessage());
            commandLine.getErr().println(UsageErrors.footer(known.exitCode()));
            return known.exitCode().code();
        }
        commandLine.getErr().println("error: unexpected failure: " + e);
        e.printStackTrace(commandLine.getErr());
        return ExitCode.UNEXPECTED.code();
    }
}
