package io.recsys.pipelines.registry.cli;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.registry.RegistryContext;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** --config and --set, as for `run`: the manifest commands find the registry and the object store through them. */
public final class RegistryConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "HOCON file layered on top of the defaults (conf/application.conf).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one config key (repeatable), e.g. --set storage.registry=s3a://bucket/registry.")
    List<String> overrides = new ArrayList<>();

    RegistryContext context(Clock clock) {
        return RegistryContext.withoutSpark(ConfigLoader.load(configFile, overrides), clock::instant);
    }
}
