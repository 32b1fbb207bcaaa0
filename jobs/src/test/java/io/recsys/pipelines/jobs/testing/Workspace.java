package io.recsys.pipelines.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.pipelines.jobs.cli.Main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A temporary folder with every pipeline output in it, and helpers to run commands against it. */
public final class Workspace {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    public Workspace(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path canonical() {
        return dir.resolve("canonical");
    }

    public Path registry() {
        return dir.resolve("registry");
    }

    public Path objectstore() {
        return dir.resolve("objectstore");
    }

    public Path reports() {
        return dir.resolve("reports");
    }

    public Path aggregates() {
        return dir.resolve("aggregates");
    }

    /** Writes lines into a file under the workspace's input folder and returns its path. */
    public Path input(String name, String... lines) {
        Path file = dir.resolve("input").resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The storage settings that keep every output inside this workspace. */
    public List<String> storageArgs() {
        return List.of(
                "--set", "storage.canonical=" + canonical(),
                "--set", "storage.aggregates=" + aggregates(),
                "--set", "storage.objectstore=" + objectstore(),
                "--set", "storage.registry=" + registry(),
                "--set", "storage.reports=" + reports(),
                "--set", "metrics.textfile=" + dir.resolve("metrics/recsys_pipelines.prom"));
    }

    /** Runs `run --date D` with this workspace's storage and the given inputs and extra args. */
    public int run(String date, Path exposures, Path outcomes, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--date", date));
        args.addAll(storageArgs());
        args.addAll(List.of("--set", "input.exposures=" + exposures));
        args.addAll(List.of("--set", "input.outcomes=" + (outcomes == null ? "" : outcomes.toString())));
        args.addAll(Arrays.asList(extra));
        return Main.execute(args.toArray(String[]::new));
    }

    public JsonNode pointer(String tenant, String surface) {
        return readJson(registry().resolve("current").resolve(tenant).resolve(surface).resolve("manifest.json"));
    }

    public boolean hasPointer(String tenant, String surface) {
        return Files.exists(registry().resolve("current").resolve(tenant).resolve(surface).resolve("manifest.json"));
    }

    public List<Path> historyEntries(String tenant, String surface) {
        return list(registry().resolve("history").resolve(tenant).resolve(surface));
    }

    /** The newest run report. */
    public JsonNode lastReport() {
        Path newest = list(reports()).stream()
                .max(Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
        return readJson(newest);
    }

    public static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
