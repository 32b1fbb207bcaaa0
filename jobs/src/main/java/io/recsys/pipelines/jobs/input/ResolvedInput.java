package io.recsys.pipelines.jobs.input;

import java.util.List;

/** The concrete files of one input stream for a window, with their total size for the report. */
public record ResolvedInput(String stream, String pattern, List<String> files, long totalBytes) {
    public boolean isEmpty() {
        return files.isEmpty();
    }
}
