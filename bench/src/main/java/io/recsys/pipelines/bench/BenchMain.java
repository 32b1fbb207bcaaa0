package io.recsys.pipelines.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Entry point of scripts/bench.sh, which starts one JVM per measurement (so each pays its own
 * fixed costs, as a daily run does) and then one to merge them:
 * <pre>
 *   measure --events N --days D --work DIR --out FILE [--warmup-events W] [--set KEY=VALUE]...
 *   run --label L --shape single|pairs:P --events N --kinds K --work DIR --out FILE [--warmup-events W] [--set KEY=VALUE]...
 *   report --out FILE [--chart FILE] [--size FILE]... [--scaling FILE]... [--pairs FILE]
 * </pre>
 * {@code measure}: steps (a) to (d) on the 16-pair set. {@code run}: one daily run of the given
 * kinds on a single-pair ({@code single}) or many-pair ({@code pairs:2000}) set, its stages'
 * task skew from the event log; spark.master and the executor settings come with --set.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        // First thing: the time the JVM took to get here, before any class of ours is loaded.
        double jvmStart = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: measure ... | run ... | report ...");
        }
        Options options = Options.parse(args);
        switch (args[0]) {
            case "measure" -> write(options.path("--out"), new SizeBenchmark(options.path("--work"),
                    options.positiveLong("--events"), (int) options.longOr("--days", 1),
                    options.longOr("--warmup-events", SizeBenchmark.WARMUP_EVENTS), options.all("--set")).run(jvmStart));
            case "run" -> run(options, jvmStart);
            case "report" -> report(options);
            default -> throw new IllegalArgumentException("unknown command " + args[0] + ": measure, run or report");
        }
    }

    private static void run(Options options, double jvmStart) throws Exception {
        Path work = options.path("--work");
        long events = options.positiveLong("--events");
        String shapeName = options.one("--shape");
        DataSet.Shape shape = shapeName.equals("single") ? DataSet.Shape.SINGLE_PAIR
                : shapeName.startsWith("pairs:") ? DataSet.Shape.manyPairs(Integer.parseInt(shapeName.substring(6)))
                : null;
        if (shape == null) {
            throw new IllegalArgumentException("--shape is single or pairs:P, got " + shapeName);
        }
        long warmupEvents = options.longOr("--warmup-events", SizeBenchmark.WARMUP_EVENTS);
        DataSet data = DataSet.ensure(work.resolve("data"), events, 1, shape);
        // The warm-up set has the run's shape; for many pairs, a few events per pair are enough.
        DataSet warmData = warmupEvents > 0 ? DataSet.ensure(work.resolve("data"), warmupEvents, 1, shape) : null;
        Map<String, Object> result = new RunBenchmark(work, options.one("--label"), data, warmData,
                options.one("--kinds"), options.all("--set")).run(jvmStart);
        write(options.path("--out"), result);
    }

    private static void report(Options options) throws Exception {
        BenchReport report = BenchReport.of(options.all("--size").stream().map(Path::of).toList(),
                options.all("--scaling").stream().map(Path::of).toList(),
                options.all("--pairs").stream().map(Path::of).findFirst().orElse(null));
        System.out.println(report.table());
        Path out = options.path("--out");
        Json.MAPPER.writeValue(out.toFile(), report.json());
        System.out.println("report: " + out.toAbsolutePath());
        String chart = options.oneOr("--chart", null);
        if (chart != null) {
            java.nio.file.Files.writeString(Path.of(chart), Chart.svg(report));
            System.out.println("chart: " + Path.of(chart).toAbsolutePath());
        }
    }

    private static void write(Path out, Map<String, Object> result) throws Exception {
        Json.MAPPER.writeValue(out.toFile(), result);
    }

    /** {@code --name value} pairs after the command; a name may repeat (--set, --size, ...). */
    private record Options(Map<String, List<String>> values) {
        static Options parse(String[] args) {
            Map<String, List<String>> values = new java.util.LinkedHashMap<>();
            for (int i = 1; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value, got " + args[i]);
                }
                values.computeIfAbsent(args[i], k -> new ArrayList<>()).add(args[i + 1]);
            }
            return new Options(values);
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }

        String oneOr(String name, String fallback) {
            List<String> v = all(name);
            return v.isEmpty() ? fallback : v.get(v.size() - 1);
        }

        String one(String name) {
            String v = oneOr(name, null);
            if (v == null) {
                throw new IllegalArgumentException(name + " is required");
            }
            return v;
        }

        Path path(String name) {
            return Path.of(one(name));
        }

        long longOr(String name, long fallback) {
            String v = oneOr(name, null);
            return v == null ? fallback : Long.parseLong(v);
        }

        long positiveLong(String name) {
            long v = Long.parseLong(one(name));
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, got " + v);
            }
            return v;
        }
    }
}
