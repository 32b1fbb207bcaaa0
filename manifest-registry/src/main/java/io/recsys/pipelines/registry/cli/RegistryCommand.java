package io.recsys.pipelines.registry.cli;

import io.recsys.pipelines.common.storage.ConditionalWriteProbe;
import io.recsys.pipelines.registry.RegistryContext;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/** What every manifest subcommand shares: --config/--set, the group's clock, and where it prints. */
abstract class RegistryCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    RegistryContext context() {
        return config.context(clock());
    }

    /**
     * For a command that writes to the registry or its blobs: the context, once the S3 server of each
     * has shown that it refuses a second create-only PUT (exit 7 otherwise, unless
     * storage.single_writer), since a rollback or gc racing a publish relies on those PUTs.
     */
    RegistryContext writingContext() {
        RegistryContext context = context();
        ConditionalWriteProbe.check(List.of(context.config().storage().registry(), context.config().storage().objectstore()),
                context.config().storage().singleWriter(), context.hadoopConf(),
                spec.name() + "-" + UUID.randomUUID());
        return context;
    }

    /** The group's clock, found above this command however deep it sits (`manifest rejected clear`). */
    Clock clock() {
        for (CommandLine c = spec.commandLine().getParent(); c != null; c = c.getParent()) {
            if (c.getCommand() instanceof ManifestCommand manifest) {
                return manifest.clock();
            }
        }
        throw new IllegalStateException(spec.qualifiedName() + " is not a `manifest` command");
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
