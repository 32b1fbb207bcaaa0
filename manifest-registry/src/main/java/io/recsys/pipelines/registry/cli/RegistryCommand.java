package io.recsys.pipelines.registry.cli;

import io.recsys.pipelines.registry.RegistryContext;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

/** What every manifest subcommand shares: --config/--set, the group's clock, and where it prints. */
abstract class RegistryCommand implements Callable<Integer> {
    @ParentCommand
    ManifestCommand parent;

    @Mixin
    ConfigOptions config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    RegistryContext context() {
        return config.context(parent.clock());
    }

    Clock clock() {
        return parent.clock();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
