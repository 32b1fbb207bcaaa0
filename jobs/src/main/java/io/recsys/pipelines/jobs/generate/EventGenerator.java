package io.recsys.pipelines.jobs.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes realistic raw events (contract section 1) for tests, example data and benchmarks:
 * {@code out/exposures/<day>.jsonl} and {@code out/outcomes/<day>.jsonl} for every day. Plain Java
 * on purpose: it runs without Spark, and equal options always give byte-identical files.
 */
public final class EventGenerator {
    private EventGenerator() {
    }

    /** Writes all days, replacing files of the same name; files of other days are left alone. */
    public static GenerationSummary generate(GeneratorOptions options) throws IOException {
        Files.createDirectories(options.out().resolve("exposures"));
        Files.createDirectories(options.out().resolve("outcomes"));
        SessionSimulator simulator = new SessionSimulator(options);
        for (int d = 0; d < options.days(); d++) {
            LocalDate day = options.startDate().plusDays(d);
            try (LineSink exposures = new LineSink(exposuresFile(options.out(), day));
                    LineSink outcomes = new LineSink(outcomesFile(options.out(), day))) {
                simulator.simulateDay(day, exposuresOnDay(options, d), exposures, outcomes);
            }
        }
        return simulator.summary();
    }

    public static Path exposuresFile(Path out, LocalDate day) {
        return out.resolve("exposures").resolve(day + ".jsonl");
    }

    public static Path outcomesFile(Path out, LocalDate day) {
        return out.resolve("outcomes").resolve(day + ".jsonl");
    }

    /** An even share of the events; the first days take one more each until the remainder is used up. */
    private static long exposuresOnDay(GeneratorOptions options, int dayIndex) {
        long share = options.events() / options.days();
        return dayIndex < options.events() % options.days() ? share + 1 : share;
    }
}
