package io.recsys.pipelines.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Where the daily run's time went, from the stage timings of its own run report. */
final class RunStages {
    private RunStages() {
    }

    static Map<String, Double> read(Path reportsDir) throws IOException {
        List<Path> reports;
        try (Stream<Path> files = Files.list(reportsDir)) {
            reports = files.filter(f -> f.getFileName().toString().startsWith("run-")).toList();
        }
        if (reports.size() != 1) {
            throw new IllegalStateException("expected one run report in " + reportsDir + ", found " + reports.size());
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        JsonNode stages = Json.MAPPER.readTree(reports.get(0).toFile()).path("stages");
        stages.fieldNames().forEachRemaining(name -> seconds.put(name, stages.get(name).path("seconds").asDouble()));
        return seconds;
    }
}
