package io.recsys.pipelines.jobs.run;

import java.time.LocalDate;

/** The command-line choices of one `run`. */
public record RunOptions(LocalDate date, String tenant, String surface, String segment, boolean force) {
    public PairFilter scope() {
        return new PairFilter(tenant, surface);
    }
}
