package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.pair.TenantSurface;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The operator's line for the pairs a run left alone: stored on the run's days, without events in its
 * input. Kept is the safe default (a late file of one tenant must not delete the others), and a pair
 * that vanished from a day's input is also a volume anomaly, so the run names them.
 */
final class KeptPairs {
    /** Pairs named before "and N more". */
    static final int LISTED = 10;

    private KeptPairs() {
    }

    static String describe(Map<TenantSurface, SortedSet<LocalDate>> kept) {
        List<String> named = new ArrayList<>();
        kept.entrySet().stream().limit(LISTED).forEach(e -> named.add(e.getKey() + " " + StoreState.days(e.getValue())));
        String more = kept.size() > LISTED ? " and " + (kept.size() - LISTED) + " more (see pairs_kept_not_in_input "
                + "in the run report)" : "";
        return "kept: not in this input: " + kept.size() + " (tenant, surface) pair(s) stored on the run's days had no "
                + "events in the input and were left as they were: " + String.join(", ", named) + more
                + ". If the input is the whole of its days, re-run with --replace-whole-days.";
    }
}
