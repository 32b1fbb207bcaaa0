package io.recsys.pipelines.jobs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The house rules of the source tree, read from the sources of every module: modules depend one way
 * (common, then manifest-registry, then jobs, then bench) and no module's packages import each other
 * in a circle. Runs from the jobs module's folder, as Maven runs tests.
 */
class PackageGraphTest {
    private static final List<String> MODULES_LOW_TO_HIGH = List.of("common", "manifest-registry", "jobs", "bench");
    private static final Map<String, String> ROOT_PACKAGE = Map.of("common", "io.recsys.pipelines.common",
            "manifest-registry", "io.recsys.pipelines.registry", "jobs", "io.recsys.pipelines.jobs",
            "bench", "io.recsys.pipelines.bench");
    /** Any use of a project class by its package, in an import or written out in the code. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.recsys\\.pipelines(?:\\.[a-z][a-z0-9_]*)+)\\.[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    @Test
    void modulesDependOneWay() throws IOException {
        List<String> wrongWay = new ArrayList<>();
        for (int m = 0; m < MODULES_LOW_TO_HIGH.size(); m++) {
            String module = MODULES_LOW_TO_HIGH.get(m);
            Set<String> higher = new TreeSet<>();
            MODULES_LOW_TO_HIGH.subList(m + 1, MODULES_LOW_TO_HIGH.size()).forEach(h -> higher.add(ROOT_PACKAGE.get(h)));
            packageGraph(module).forEach((from, targets) -> targets.stream()
                    .filter(to -> higher.stream().anyMatch(h -> to.equals(h) || to.startsWith(h + ".")))
                    .forEach(to -> wrongWay.add(module + ": " + from + " -> " + to)));
        }
        assertEquals(List.of(), wrongWay);
    }

    @Test
    void noPackageCyclesInAnyModule() throws IOException {
        for (String module : MODULES_LOW_TO_HIGH) {
            Map<String, Set<String>> graph = packageGraph(module);
            for (String start : graph.keySet()) {
                List<String> cycle = cycleThrough(start, graph);
                assertTrue(cycle.isEmpty(), module + " has a package cycle: " + String.join(" -> ", cycle));
            }
        }
    }

    /** Package -> the other packages of the same module it uses. */
    private static Map<String, Set<String>> packageGraph(String module) throws IOException {
        Path sources = Path.of("..", module, "src", "main", "java");
        assertTrue(Files.isDirectory(sources), "no sources at " + sources.toAbsolutePath());
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(code);
                if (!pkg.find()) {
                    continue;
                }
                Set<String> uses = graph.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
                Matcher ref = REFERENCE.matcher(code);
                while (ref.find()) {
                    if (!ref.group(1).equals(pkg.group(1))) {
                        uses.add(ref.group(1));
                    }
                }
            }
        }
        return graph;
    }

    /** A path of uses from {@code start} back to itself, or empty when there is none. */
    private static List<String> cycleThrough(String start, Map<String, Set<String>> graph) {
        Map<String, String> cameFrom = new TreeMap<>();
        Deque<String> todo = new ArrayDeque<>(graph.getOrDefault(start, Set.of()));
        graph.getOrDefault(start, Set.of()).forEach(next -> cameFrom.put(next, start));
        while (!todo.isEmpty()) {
            String at = todo.poll();
            if (at.equals(start)) {
                List<String> path = new ArrayList<>();
                String step = start;
                do {
                    path.add(0, step);
                    step = cameFrom.get(step);
                } while (!step.equals(start));
                path.add(0, start);
                return path;
            }
            for (String next : graph.getOrDefault(at, Set.of())) {
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, at);
                    todo.add(next);
                }
            }
        }
        return List.of();
    }
}
