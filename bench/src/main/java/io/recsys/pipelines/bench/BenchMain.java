package io.recsys.pipelines.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Entry point of scripts/bench.sh, which starts one JVM per data size (so each size pays its own
 * fixed costs, as a daily run does) and then one to merge them:
 * <pre>
 *   measure --events N --days D --work DIR --out FILE [--set KEY=VALUE]...
 *   report --out FILE SIZE_FILE...
 * </pre>
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        // First thing: the time the JVM took to get here, before any class of ours is loaded.
        double jvmStart = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: measure ... | report ...");
        }
        switch (args[0]) {
            case "measure" -> measure(args, jvmStart);
            case "report" -> report(args);
            default -> throw new IllegalArgumentException("unknown command " + args[0] + ": measure or report");
        }
    }

    private static void measure(String[] args, double jvmStart) throws Exception {
        long events = 0;
        int days = 1;
        Path work = null;
        Path out = null;
        List<String> settings = new ArrayList<>();
        for (int i = 1; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(value);
                case "--days" -> days = Integer.parseInt(value);
                case "--work" -> work = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--set" -> settings.add(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (events <= 0 || work == null || out == null) {
            throw new IllegalArgumentException("measure needs --events N (> 0), --work DIR and --out FILE");
        }
        Map<String, Object> result = new SizeBenchmark(work, events, days, settings).run(jvmStart);
        Json.MAPPER.writeValue(out.toFile(), result);
    }

    private static void report(String[] args) throws Exception {
        if (args.length < 4 || !args[1].equals("--out")) {
            throw new IllegalArgumentException("usage: report --out FILE SIZE_FILE...");
        }
        List<Path> sizes = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            sizes.add(Path.of(args[i]));
        }
        BenchReport report = BenchReport.of(sizes);
        System.out.println(report.table());
        Json.MAPPER.writeValue(Path.of(args[2]).toFile(), report.json());
        System.out.println("report: " + Path.of(args[2]).toAbsolutePath());
    }
}
