package io.recsys.pipelines.bench;

import io.recsys.pipelines.jobs.generate.EventGenerator;
import io.recsys.pipelines.jobs.generate.GenerationSummary;
import io.recsys.pipelines.jobs.generate.GeneratorOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark step: how fast `generate` writes raw events (one day, the generator's defaults, 1% bad
 * lines), after a smaller warm-up run so the JIT has compiled the hot loop. A speed, not a verdict:
 * it was a unit test that only printed this number.
 * <pre>
 *   GeneratorThroughput --work DIR --out FILE [--events N]
 * </pre>
 */
final class GeneratorThroughput {
    private static final long DEFAULT_EVENTS = 1_000_000;
    private static final long WARMUP_EVENTS = 200_000;
    private static final double BAD_RATIO = 0.01;

    private GeneratorThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Flags flags = new Flags(args, "--work", "--out", "--events");
        Path dir = flags.path("--work").resolve("generator-throughput");
        try {
            Json.MAPPER.writeValue(flags.path("--out").toFile(), measure(dir, flags.number("--events", DEFAULT_EVENTS)));
        } finally {
            Folders.delete(dir); // hundreds of MB that nothing reads afterwards
        }
    }

    static Map<String, Object> measure(Path dir, long events) throws IOException {
        EventGenerator.generate(options(dir.resolve("warm-up"), WARMUP_EVENTS));
        GeneratorOptions options = options(dir.resolve("measured"), events);
        Clock clock = Clock.start();
        GenerationSummary summary = EventGenerator.generate(options);
        Clock.Lap lap = clock.lap();
        long bytes = Files.size(EventGenerator.exposuresFile(options.out(), options.startDate()))
                + Files.size(EventGenerator.outcomesFile(options.out(), options.startDate()));
        // `events` counts valid exposures; the bad lines of BAD_RATIO come on top of them.
        long valid = summary.goodExposures();
        if (valid != events) {
            throw new IllegalStateException("asked for " + events + " valid exposures, got " + valid);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("label", "generate: raw events written");
        result.put("events", events);
        result.put("exposure_lines", summary.exposureLines());
        result.put("bytes", bytes);
        result.put("seconds", Json.round(lap.seconds()));
        result.put("cpu_seconds", Json.round(lap.cpuSeconds()));
        result.put("events_per_second", Math.round(events / lap.seconds()));
        System.out.printf(Locale.ROOT, "generate: %,d events (%,d bytes) in %.3f s = %,.0f events/s%n",
                events, bytes, lap.seconds(), events / lap.seconds());
        return result;
    }

    private static GeneratorOptions options(Path out, long events) {
        GeneratorOptions d = GeneratorOptions.defaults(out);
        return new GeneratorOptions(out, events, 1, d.startDate(), d.tenants(), d.surfaces(), d.items(), d.users(),
                d.seed(), BAD_RATIO);
    }
}
