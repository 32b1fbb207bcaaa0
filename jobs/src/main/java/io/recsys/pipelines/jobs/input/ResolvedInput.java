package io.recsys.pipelines.jobs.input;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The concrete files of one input stream for a window, each with its size as listed: the reader plans
 * its splits from these sizes, so it never asks the store again for each file.
 */
public record ResolvedInput(String stream, String pattern, Map<String, Long> fileBytes) {
    public ResolvedInput {
        fileBytes = Collections.unmodifiableMap(new LinkedHashMap<>(fileBytes));
    }

    public List<String> files() {
        return List.copyOf(fileBytes.keySet());
    }

    public long totalBytes() {
        return fileBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean isEmpty() {
        return fileBytes.isEmpty();
    }
}
