package io.recsys.pipelines.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Merges the per-size results into bench-report.json and the one table, with the targets. */
final class BenchReport {
    static final List<String> STEPS = List.of("canonicalize", "daily_run", "popularity_spark", "popularity_duckdb");
    /** Steps of our own code whose per-event cost must not grow with the data. */
    private static final List<String> SCALED_STEPS = List.of("canonicalize", "daily_run", "popularity_spark");
    private static final long TARGET_EVENTS = 10_000_000;

    private final List<JsonNode> sizes;
    private final Map<String, Object> machine = Machine.describe();
    private final String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    private BenchReport(List<JsonNode> sizes) {
        this.sizes = sizes;
    }

    static BenchReport of(List<Path> files) throws IOException {
        List<JsonNode> sizes = new ArrayList<>();
        for (Path f : files) {
            sizes.add(Json.MAPPER.readTree(f.toFile()));
        }
        sizes.sort(Comparator.comparingLong(s -> events(s, "canonicalize")));
        return new BenchReport(sizes);
    }

    Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("date", date);
        root.put("machine", machine);
        root.put("sizes", sizes);
        root.put("scaling_seconds_per_million", scaling());
        root.put("targets", targets());
        return root;
    }

    String table() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "recsys-pipelines benchmark, %s, %s cores, %s GiB, %s, %s%n", date,
                machine.get("cores"), machine.get("memory_gib"), machine.get("cpu"), machine.get("java")));
        t.append(String.format(Locale.ROOT, "%-33s %12s %9s %9s %11s %8s %8s%n", "step", "events", "MB", "seconds",
                "events/s", "s/M", "CPU s"));
        for (JsonNode size : sizes) {
            t.append(String.format(Locale.ROOT, "-- %,d exposure lines over %d day(s); load average before %s, after %s%n",
                    size.path("dataset").path("exposure_lines").asLong(),
                    size.path("dataset").path("generator").path("days").asInt(),
                    size.path("load_average_before").asText(), size.path("load_average_after").asText()));
            for (String id : STEPS) {
                JsonNode s = size.path("steps").path(id);
                t.append(String.format(Locale.ROOT, "%-33s %,12d %9.1f %9.2f %,11d %8.2f %8.2f%n", s.path("label").asText(),
                        s.path("events").asLong(), s.path("bytes").asLong() / 1e6, s.path("seconds").asDouble(),
                        s.path("events_per_second").asLong(), s.path("seconds_per_million").asDouble(),
                        s.path("cpu_seconds").asDouble()));
            }
            JsonNode fixed = size.path("fixed_seconds");
            t.append(String.format(Locale.ROOT, "   fixed: JVM start to main %.2f s, SparkSession %.2f s, warm-up %.2f s, "
                            + "DuckDB load %.2f s%n", fixed.path("jvm_start_to_main").asDouble(),
                    fixed.path("spark_session_start").asDouble(), fixed.path("warm_up").asDouble(),
                    fixed.path("duckdb_load").asDouble()));
            t.append("   (b) stages: ").append(stages(size.path("daily_run_stages"))).append('\n');
            JsonNode agreement = size.path("agreement_c_d");
            t.append(String.format(Locale.ROOT, "   (c)/(d) = %.2fx; (c) and (d) %s over %d pairs, %,d positions%n",
                    size.path("ratio_c_over_d").asDouble(),
                    agreement.path("equal").asBoolean() ? "agree item for item"
                            : "DIFFER at " + agreement.path("differences").asLong() + " positions, first: "
                            + agreement.path("first_differences"),
                    agreement.path("pairs").asInt(), agreement.path("positions_compared").asLong()));
        }
        Map<String, Object> scaling = scaling();
        if (!scaling.isEmpty()) {
            t.append("scaling, s/M of the largest size over s/M of the smallest: ").append(scaling.get("ratios")).append('\n');
        }
        t.append("targets:\n");
        for (Map<String, Object> target : targets()) {
            t.append(String.format(Locale.ROOT, "  %-8s %s: %s%n", target.get("status"), target.get("target"),
                    target.get("measured")));
        }
        t.append("Spark settings: ").append(sizes.get(sizes.size() - 1).path("spark_settings")).append('\n');
        return t.toString();
    }

    private static String stages(JsonNode stages) {
        List<String> parts = new ArrayList<>();
        stages.fieldNames().forEachRemaining(name -> parts.add(String.format(Locale.ROOT, "%s %.2f s", name,
                stages.get(name).asDouble())));
        return String.join(", ", parts);
    }

    /** Per step: seconds per million events at each size, and the ratio largest / smallest. */
    private Map<String, Object> scaling() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (sizes.size() < 2) {
            return out;
        }
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (String id : STEPS) {
            Map<String, Double> perSize = new LinkedHashMap<>();
            for (JsonNode size : sizes) {
                perSize.put(String.valueOf(events(size, "popularity_spark")), secondsPerMillion(size, id));
            }
            out.put(id, perSize);
            ratios.put(id, Json.round(secondsPerMillion(largest(), id) / secondsPerMillion(sizes.get(0), id)));
        }
        out.put("ratios", ratios);
        return out;
    }

    private List<Map<String, Object>> targets() {
        JsonNode big = largest();
        String at = events(big, "popularity_spark") >= TARGET_EVENTS ? ""
                : String.format(Locale.ROOT, " (measured at %,d exposure lines; the target is stated at %,d)",
                events(big, "popularity_spark"), TARGET_EVENTS);
        List<Map<String, Object>> targets = new ArrayList<>();
        long canonicalize = big.path("steps").path("canonicalize").path("events_per_second").asLong();
        targets.add(target("canonicalize >= 1,000,000 events/s at 10M events", canonicalize >= 1_000_000,
                String.format(Locale.ROOT, "%,d events/s%s", canonicalize, at)));
        long run = big.path("steps").path("daily_run").path("events_per_second").asLong();
        targets.add(target("daily run (popularity + cooc) >= 400,000 events/s at 10M events", run >= 400_000,
                String.format(Locale.ROOT, "%,d events/s%s", run, at)));
        double ratio = big.path("ratio_c_over_d").asDouble();
        targets.add(target("(c) popularity within 3x of DuckDB's time (d)", ratio <= 3.0,
                String.format(Locale.ROOT, "%.2fx%s", ratio, at)));
        if (sizes.size() >= 2) {
            for (String id : SCALED_STEPS) {
                double r = secondsPerMillion(big, id) / secondsPerMillion(sizes.get(0), id);
                targets.add(target("s/M of " + id + " at the larger size <= 1.2x s/M at the smaller", r <= 1.2,
                        String.format(Locale.ROOT, "%.2fx (%.2f vs %.2f s/M)", r, secondsPerMillion(big, id),
                                secondsPerMillion(sizes.get(0), id))));
            }
        } else {
            targets.add(target("s/M at 10xN <= 1.2x s/M at N", null, "one size only: run with --scale 10"));
        }
        return targets;
    }

    private static Map<String, Object> target(String name, Boolean met, String measured) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("target", name);
        t.put("status", met == null ? "n/a" : met ? "met" : "NOT MET");
        t.put("measured", measured);
        return t;
    }

    private JsonNode largest() {
        return sizes.get(sizes.size() - 1);
    }

    private static double secondsPerMillion(JsonNode size, String step) {
        return size.path("steps").path(step).path("seconds_per_million").asDouble();
    }

    private static long events(JsonNode size, String step) {
        return size.path("steps").path(step).path("events").asLong();
    }
}
