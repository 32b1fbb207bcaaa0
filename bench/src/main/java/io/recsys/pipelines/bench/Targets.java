package io.recsys.pipelines.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The targets of issue 11 (and the throughput targets of issue 8), each evaluated from what this
 * bench run measured: "met", "NOT MET", or "n/a" with the reason (the part was not run). A target
 * stated at a size the run did not reach is still evaluated, and says at which size it was measured.
 */
final class Targets {
    static final long SINGLE_PAIR_EVENTS = 4_000_000;
    static final long SIZE_EVENTS = 10_000_000;
    static final int MANY_PAIRS = 2_000;
    static final double MIN_SINGLE_PAIR_SPEEDUP = 1.8;
    static final double MAX_CANONICALIZE_OVER_DUCKDB = 1.0;
    static final double MAX_DAILY_RUN_OVER_DUCKDB = 2.0;
    static final double MAX_POPULARITY_OVER_DUCKDB = 3.0;
    static final long MAX_DRIVER_HEAP_MIB = 1024;
    private static final List<String> SCALED_STEPS = List.of("canonicalize", "daily_run", "popularity_spark");

    private Targets() {
    }

    static List<Map<String, Object>> evaluate(BenchReport report) {
        List<Map<String, Object>> targets = new ArrayList<>();
        singlePair(report, targets);
        sizes(report, targets);
        manyPairs(report.pairs(), targets);
        return targets;
    }

    private static void singlePair(BenchReport report, List<Map<String, Object>> targets) {
        String speedName = "single pair, 4M events/day: local[2] >= 1.8x faster than local[1] end to end";
        String skewName = "single pair, 4M events/day: no stage longer than 2 s in which one task holds more than "
                + "half of the stage's task time (local[2])";
        Optional<JsonNode> local1 = report.scalingRun(BenchReport.LOCAL_1);
        Optional<JsonNode> local2 = report.scalingRun(BenchReport.LOCAL_2);
        if (local1.isEmpty() || local2.isEmpty()) {
            targets.add(target("single_pair_speedup", speedName, null, "not run (bench.sh --parts scaling)"));
        } else {
            String at = at(local2.get().path("events").asLong(), SINGLE_PAIR_EVENTS, "lines");
            Optional<Double> x = report.speedUp(BenchReport.LOCAL_1, BenchReport.LOCAL_2);
            targets.add(x.map(v -> target("single_pair_speedup", speedName, v >= MIN_SINGLE_PAIR_SPEEDUP,
                            String.format(Locale.ROOT, "%.2fx (%.2f s on %s CPU / %.2f s on %s CPUs)%s", v,
                                    local1.get().path("seconds").asDouble(), local1.get().path("cpus").asText("?"),
                                    local2.get().path("seconds").asDouble(), local2.get().path("cpus").asText("?"), at)))
                    .orElseGet(() -> target("single_pair_speedup", speedName, false, "a run failed" + at)));
        }
        if (local2.isEmpty()) {
            targets.add(target("single_pair_task_skew", skewName, null, "not run (bench.sh --parts scaling)"));
        } else {
            JsonNode skew = local2.get().path("task_skew");
            targets.add(target("single_pair_task_skew", skewName,
                    local2.get().path("finished").asBoolean() && skew.path("flagged_stages").asInt() == 0,
                    BenchReport.skewLine(skew) + at(local2.get().path("events").asLong(), SINGLE_PAIR_EVENTS, "lines")));
        }
    }

    private static void sizes(BenchReport report, List<Map<String, Object>> targets) {
        if (report.sizes().isEmpty()) {
            for (String id : List.of("canonicalize_vs_duckdb", "daily_run_vs_duckdb", "popularity_vs_duckdb",
                    "seconds_per_million_growth")) {
                targets.add(target(id, id.replace('_', ' '), null, "not run (bench.sh --parts sizes)"));
            }
            return;
        }
        JsonNode big = report.largest();
        String at = at(BenchReport.events(big, "popularity_spark"), SIZE_EVENTS, "exposure lines");
        double duckdb = big.path("steps").path("popularity_duckdb").path("seconds").asDouble();
        ratio(targets, "canonicalize_vs_duckdb", "10M events, 16 pairs: canonicalize within 1.0x of DuckDB's popularity time",
                big.path("steps").path("canonicalize").path("seconds").asDouble(), duckdb, MAX_CANONICALIZE_OVER_DUCKDB, at);
        ratio(targets, "daily_run_vs_duckdb",
                "10M events, 16 pairs: daily run (popularity + cooc) within 2.0x of DuckDB's popularity time",
                big.path("steps").path("daily_run").path("seconds").asDouble(), duckdb, MAX_DAILY_RUN_OVER_DUCKDB, at);
        ratio(targets, "popularity_vs_duckdb", "10M events, 16 pairs: popularity alone (c) within 3x of DuckDB (d)",
                big.path("steps").path("popularity_spark").path("seconds").asDouble(), duckdb, MAX_POPULARITY_OVER_DUCKDB, at);
        if (report.sizes().size() < 2) {
            targets.add(target("seconds_per_million_growth", "seconds per million events at 10xN no more than at N", null,
                    "one size only: run with --scale 10"));
        } else {
            JsonNode small = report.sizes().get(0);
            for (String id : SCALED_STEPS) {
                double r = BenchReport.secondsPerMillion(big, id) / BenchReport.secondsPerMillion(small, id);
                targets.add(target("seconds_per_million_growth_" + id, "s/M of " + id + " at the larger size <= s/M at "
                                + "the smaller", r <= 1.0, String.format(Locale.ROOT, "%.2fx (%.2f vs %.2f s/M, %,d vs %,d lines)",
                                r, BenchReport.secondsPerMillion(big, id), BenchReport.secondsPerMillion(small, id),
                                BenchReport.events(big, id), BenchReport.events(small, id))));
            }
        }
        // Issue 8's absolute throughput targets, kept so that a reader sees both.
        long canonicalize = big.path("steps").path("canonicalize").path("events_per_second").asLong();
        targets.add(target("issue8_canonicalize_throughput", "(issue 8) canonicalize >= 1,000,000 events/s at 10M events",
                canonicalize >= 1_000_000, String.format(Locale.ROOT, "%,d events/s%s", canonicalize, at)));
        long run = big.path("steps").path("daily_run").path("events_per_second").asLong();
        targets.add(target("issue8_daily_run_throughput", "(issue 8) daily run >= 400,000 events/s at 10M events",
                run >= 400_000, String.format(Locale.ROOT, "%,d events/s%s", run, at)));
    }

    private static void manyPairs(JsonNode run, List<Map<String, Object>> targets) {
        String name = "2,000 pairs with popularity, cooc and implicit in one run finish with a 1 GB driver heap";
        if (run == null) {
            targets.add(target("many_pairs_1g_heap", name, null, "not run (bench.sh --parts pairs)"));
            return;
        }
        if (run.path("jvm_failed").asBoolean()) {
            targets.add(target("many_pairs_1g_heap", name, false, String.format(Locale.ROOT,
                    "the measuring JVM exited with %d before writing a result (see %s)", run.path("exit_code").asInt(),
                    run.path("log").asText())));
            return;
        }
        long pairs = (long) run.path("dataset").path("generator").path("tenants").asInt()
                * run.path("dataset").path("generator").path("surfaces").asInt();
        long heap = run.path("heap").path("max_mib").asLong();
        boolean met = run.path("finished").asBoolean() && run.path("published_pairs").asLong() == pairs
                && heap <= MAX_DRIVER_HEAP_MIB && run.path("kinds").asText().contains("implicit");
        targets.add(target("many_pairs_1g_heap", name, met, BenchReport.pairsLine(run)
                + (pairs >= MANY_PAIRS ? "" : String.format(Locale.ROOT, " (measured at %,d pairs; the target is stated at %,d)",
                pairs, MANY_PAIRS))));
    }

    private static void ratio(List<Map<String, Object>> targets, String id, String name, double seconds, double duckdb,
                              double max, String at) {
        double r = seconds / duckdb;
        targets.add(target(id, name, r <= max, String.format(Locale.ROOT, "%.2fx (%.2f s / %.2f s)%s", r, seconds,
                duckdb, at)));
    }

    private static String at(long measured, long stated, String unit) {
        return measured >= stated ? "" : String.format(Locale.ROOT, " (measured at %,d %s; the target is stated at %,d)",
                measured, unit, stated);
    }

    static Map<String, Object> target(String id, String name, Boolean met, String measured) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id);
        t.put("target", name);
        t.put("status", met == null ? "n/a" : met ? "met" : "NOT MET");
        t.put("measured", measured);
        return t;
    }
}
