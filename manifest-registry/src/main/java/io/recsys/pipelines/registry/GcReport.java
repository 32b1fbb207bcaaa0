package io.recsys.pipelines.registry;

import java.util.List;

/**
 * What gc did (or, on a dry run, would do) for one (tenant, surface). {@code skipped} says why
 * nothing was considered, else it is null; {@code stopped} says why gc stopped part way (a publish
 * of the pair ran meanwhile), else it is null.
 */
public record GcReport(String tenant, String surface, int keptVersions, List<Deletion> deletions, boolean dryRun,
                       String skipped, String stopped) {

    /** {@code what} is "blob" or "record". */
    public record Deletion(String what, String location, long ageSeconds) {
    }
}
