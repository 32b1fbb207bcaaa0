package io.recsys.pipelines.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports the speed; it does not assert it, because test machines vary too much for a threshold. */
class EventGeneratorThroughputTest {
    private static final long EVENTS = 1_000_000;

    @Test
    void printsEventsPerSecondForOneMillionEvents(@TempDir Path dir) throws IOException {
        // A first, smaller run lets the JIT compile the hot loop before the measured one.
        EventGenerator.generate(GeneratedData.options(dir.resolve("warm-up"), 200_000, 1, 0.01));

        GeneratorOptions options = GeneratedData.options(dir.resolve("measured"), EVENTS, 1, 0.01);
        long start = System.nanoTime();
        GenerationSummary summary = EventGenerator.generate(options);
        double seconds = (System.nanoTime() - start) / 1e9;

        long bytes = Files.size(EventGenerator.exposuresFile(options.out(), options.startDate()))
                + Files.size(EventGenerator.outcomesFile(options.out(), options.startDate()));
        System.out.printf(Locale.ROOT, "EventGenerator: %,d events (%,d bytes) in %.3f s = %,.0f events/s%n",
                EVENTS, bytes, seconds, EVENTS / seconds);
        assertEquals(EVENTS, summary.goodExposures());
    }
}
