package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.jobs.generate.EventGenerator;
import io.recsys.pipelines.jobs.generate.GenerationSummary;
import io.recsys.pipelines.jobs.generate.GeneratorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write deterministic, realistic raw events as JSONL: DIR/exposures/<day>.jsonl and "
                + "DIR/outcomes/<day>.jsonl (Zipf-like item popularity, sessions, users, ~1%% clicks, some "
                + "conversions, UTC offsets, optional bad lines). Same options, same bytes.",
                "Bad lines come on top of the valid events and are of the kinds the pipeline rejects, named by its "
                        + "reason codes (malformed_json, bad_type:v, ...): the summary predicts a run's counts exactly."})
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--events", required = true, paramLabel = "N", description = "Valid exposure events in total (bad lines come on top).")
    long events;

    @Option(names = "--days", defaultValue = "1", paramLabel = "D", description = "Days to spread them over (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--start-date", defaultValue = "2026-01-01", paramLabel = "YYYY-MM-DD", description = "First day (default ${DEFAULT-VALUE}).")
    LocalDate startDate;

    @Option(names = "--tenants", defaultValue = "2", paramLabel = "N", description = "Tenants: demo, acme, globex, ... (default ${DEFAULT-VALUE}).")
    int tenants;

    @Option(names = "--surfaces", defaultValue = "2", paramLabel = "N", description = "Surfaces per tenant: home, pdp, cart, ... (default ${DEFAULT-VALUE}).")
    int surfaces;

    @Option(names = "--items", defaultValue = "500", paramLabel = "N", description = "Catalog size per tenant (default ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--users", defaultValue = "1000", paramLabel = "N", description = "Users per tenant (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bad-ratio", defaultValue = "0", paramLabel = "R", description = "Share of bad lines among all lines written, 0 <= R < 1 (default ${DEFAULT-VALUE}).")
    double badRatio;

    @Override
    public Integer call() {
        GeneratorOptions options;
        try {
            options = new GeneratorOptions(out, events, days, startDate, tenants, surfaces, items, users, seed, badRatio);
        } catch (IllegalArgumentException e) {
            throw PipelineException.usage(e.getMessage());
        }
        long start = System.nanoTime();
        GenerationSummary summary;
        try {
            summary = EventGenerator.generate(options);
        } catch (IOException e) {
            throw PipelineException.storage("cannot write generated events under " + out + ": " + e.getMessage(), e);
        }
        System.out.println(summary.describe());
        System.out.printf("written in %.2fs%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
