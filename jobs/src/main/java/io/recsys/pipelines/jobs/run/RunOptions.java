package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.common.artifact.ArtifactKind;

import java.time.LocalDate;
import java.util.List;

/**
 * The command-line choices of one `run`: a day (start == end), a back-fill range, or an
 * incremental run (start optional, taken from the checkpoints).
 *
 * @param kinds null means the configured artifacts.kinds
 */
public record RunOptions(LocalDate start, LocalDate end, boolean incremental, int windowDays, List<ArtifactKind> kinds,
                         String tenant, String surface, String segment, boolean force, boolean dryRun,
                         boolean allowPartialWindow, boolean replaceWholeDays) {

    /**
     * Without --allow-partial-window (a window's days missing from store and input stop the run) and
     * without --replace-whole-days (a day's pairs absent from the input are kept).
     */
    public RunOptions(LocalDate start, LocalDate end, boolean incremental, int windowDays, List<ArtifactKind> kinds,
                      String tenant, String surface, String segment, boolean force, boolean dryRun) {
        this(start, end, incremental, windowDays, kinds, tenant, surface, segment, force, dryRun, false, false);
    }

    public static RunOptions day(LocalDate date) {
        return new RunOptions(date, date, false, 1, null, null, null, "", false, false);
    }

    public PairFilter scope() {
        return new PairFilter(tenant, surface);
    }
}
