package io.recsys.pipelines.registry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.time.Clock;

/**
 * The {@code manifest} command group. No SparkSession is ever started, so these commands start in
 * about a second on a laptop, in CI or on the driver.
 */
@Command(name = "manifest",
        description = {"Inspect and operate the manifest registry, without Spark: what is live, its history, "
                + "rollback, verification as the service reads it, garbage collection and freshness.",
                "Every command finds the registry (storage.registry) and the blobs (storage.objectstore) through "
                        + "--config and --set, and works on local folders (file://) and on S3 (s3a://) alike."},
        subcommands = {ShowCommand.class, HistoryCommand.class, RollbackCommand.class, VerifyCommand.class,
                GcCommand.class, StatusCommand.class, RejectedCommand.class})
public final class ManifestCommand implements Runnable {
    private final Clock clock;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, scope = CommandLine.ScopeType.INHERIT,
            description = "Show this help message and exit.")
    boolean help;

    public ManifestCommand() {
        this(Clock.systemUTC());
    }

    /** Tests pass a fixed clock: ages, staleness and the times written into history entries follow it. */
    public ManifestCommand(Clock clock) {
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a manifest command is required, e.g. `manifest status` or `manifest show --tenant T --surface S`");
    }
}
