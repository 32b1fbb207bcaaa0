package io.recsys.pipelines.registry.cli;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.text.Secrets;
import io.recsys.pipelines.registry.RegistryContext;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** --config and --set, shared by every command that reads the configuration (run, manifest, db-signals, ...). */
public final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "HOCON file layered on top of the defaults (conf/application.conf).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one config key (repeatable), e.g. --set limits.max_reject_ratio=0.05.")
    List<String> overrides = new ArrayList<>();

    public PipelineConfig load() {
        return ConfigLoader.load(configFile, overrides);
    }

    /** For lineage: the options as given, with secret values and URL passwords masked. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        if (configFile != null) {
            out.add("--config " + configFile);
        }
        for (String o : overrides) {
            out.add("--set " + Secrets.mask(o));
        }
        return out;
    }

    RegistryContext context(Clock clock) {
        return RegistryContext.withoutSpark(load(), clock::instant);
    }
}
