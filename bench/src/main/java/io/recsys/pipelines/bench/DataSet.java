package io.recsys.pipelines.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.generate.EventGenerator;
import io.recsys.pipelines.jobs.generate.GenerationSummary;
import io.recsys.pipelines.jobs.generate.GeneratorOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generated set of raw events (the project's own deterministic generator), kept between runs
 * under a name made of its options: ten million lines take longer to write than some of the
 * steps that read them, and equal options give byte-identical files.
 */
record DataSet(Path dir, Shape shape, long events, int days, long exposureLines, long outcomeLines,
               long exposureBytes, long outcomeBytes, double generatedSeconds, boolean reused) {
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final long SEED = 42;
    /** A few bad lines of every kind, well inside the 1% reject budget, so validation is part of the work. */
    private static final double BAD_RATIO = 0.001;
    private static final String MANIFEST = "dataset.json";

    /**
     * Who the events belong to. {@link #SIXTEEN_PAIRS} is the set of issue 8 (the DuckDB comparison);
     * {@link #SINGLE_PAIR} is one big tenant with one surface (strong scaling: one pair's day must
     * use every core); {@link #manyPairs} is many small pairs (the driver's memory per pair).
     */
    record Shape(int tenants, int surfaces, int items, int users) {
        /** Per tenant: big enough that the top-1000 cut and its ties (item_id order) matter. */
        static final Shape SIXTEEN_PAIRS = new Shape(4, 4, 50_000, 200_000);
        static final Shape SINGLE_PAIR = new Shape(1, 1, 50_000, 200_000);

        /** {@code pairs} (tenant, surface) pairs, 4 surfaces per tenant, a small catalog each. */
        static Shape manyPairs(int pairs) {
            if (pairs % 4 != 0) {
                throw new IllegalArgumentException("--pairs must be a multiple of 4 (4 surfaces per tenant), got " + pairs);
            }
            return new Shape(pairs / 4, 4, 2_000, 200_000);
        }

        int pairs() {
            return tenants * surfaces;
        }

        /** The folder name's suffix; empty for the set of issue 8, so its existing files are reused. */
        String suffix() {
            return equals(SIXTEEN_PAIRS) ? "" : "-pairs-" + tenants + "x" + surfaces + "-items-" + items + "-users-" + users;
        }
    }

    static DataSet ensure(Path root, long events, int days) throws IOException {
        return ensure(root, events, days, Shape.SIXTEEN_PAIRS);
    }

    static DataSet ensure(Path root, long events, int days, Shape shape) throws IOException {
        Path dir = root.resolve("events-" + events + "-days-" + days + "-seed-" + SEED + shape.suffix());
        Path manifest = dir.resolve(MANIFEST);
        if (Files.isRegularFile(manifest)) {
            JsonNode n = Json.MAPPER.readTree(manifest.toFile());
            return new DataSet(dir, shape, events, days, n.get("exposure_lines").asLong(), n.get("outcome_lines").asLong(),
                    n.get("exposure_bytes").asLong(), n.get("outcome_bytes").asLong(),
                    n.get("generated_seconds").asDouble(), true);
        }
        long start = System.nanoTime();
        GenerationSummary summary = EventGenerator.generate(new GeneratorOptions(dir, events, days, START,
                shape.tenants(), shape.surfaces(), shape.items(), shape.users(), SEED, BAD_RATIO));
        DataSet data = new DataSet(dir, shape, events, days, summary.exposureLines(), summary.outcomeLines(),
                bytes(dir.resolve("exposures")), bytes(dir.resolve("outcomes")), (System.nanoTime() - start) / 1e9, false);
        // Written last: a generation cut short is redone, never reused.
        Json.MAPPER.writeValue(manifest.toFile(), data.describe());
        return data;
    }

    DateWindow window() {
        return new DateWindow(START, START.plusDays(days - 1));
    }

    String exposurePattern() {
        return dir.resolve("exposures").toAbsolutePath() + "/{date}.jsonl";
    }

    String outcomePattern() {
        return dir.resolve("outcomes").toAbsolutePath() + "/{date}.jsonl";
    }

    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dir", dir.toString());
        d.put("exposure_lines", exposureLines);
        d.put("outcome_lines", outcomeLines);
        d.put("exposure_bytes", exposureBytes);
        d.put("outcome_bytes", outcomeBytes);
        d.put("generated_seconds", Json.round(generatedSeconds));
        d.put("generator", Map.of("tenants", shape.tenants(), "surfaces", shape.surfaces(),
                "items_per_tenant", shape.items(), "users", shape.users(), "seed", SEED, "bad_ratio", BAD_RATIO,
                "start", START.toString(), "days", days));
        return d;
    }

    private static long bytes(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
