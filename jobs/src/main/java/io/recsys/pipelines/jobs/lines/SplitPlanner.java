package io.recsys.pipelines.jobs.lines;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The tasks of a read, as Spark's FilePartition plans them for its file sources: every splittable
 * file cut into ranges of at most the split size, a compressed file one whole split, then the splits,
 * biggest first, packed into tasks of about the split size (a file's opening counted as
 * {@code openCostBytes}). Many small files share a task; a big file spreads over many.
 */
final class SplitPlanner {
    private SplitPlanner() {
    }

    /**
     * @param files      each file (as listed) with its size in bytes
     * @param compressed whether a file is compressed (so it can only be read from its start)
     */
    static List<List<LineSplit>> plan(Map<String, Long> files, Predicate<String> compressed,
                                      SplitSizes sizes) {
        long total = files.values().stream().mapToLong(Long::longValue).sum();
        long splitBytes = sizes.splitBytes(total, files.size());
        List<LineSplit> splits = new ArrayList<>();
        files.forEach((file, bytes) -> {
            if (bytes == 0) {
                return; // nothing to read, and an empty file is not a valid compressed stream
            }
            if (compressed.test(file)) {
                splits.add(LineSplit.wholeStream(file, bytes));
                return;
            }
            for (long start = 0; start < bytes; start += splitBytes) {
                splits.add(new LineSplit(file, start, Math.min(splitBytes, bytes - start), false));
            }
        });
        splits.sort(Comparator.comparingLong(LineSplit::length).reversed());
        List<List<LineSplit>> tasks = new ArrayList<>();
        List<LineSplit> task = new ArrayList<>();
        long taskBytes = 0;
        for (LineSplit split : splits) {
            if (!task.isEmpty() && taskBytes + split.length() > splitBytes) {
                tasks.add(task);
                task = new ArrayList<>();
                taskBytes = 0;
            }
            task.add(split);
            taskBytes += split.length() + sizes.openCostBytes();
        }
        if (!task.isEmpty()) {
            tasks.add(task);
        }
        return tasks;
    }
}
