package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.ArtifactKind;

import java.util.List;
import java.util.Map;

/**
 * What a publish of one (tenant, surface) would do, computed without writing anything: per kind,
 * the live and candidate versions, item counts and bytes, how much of the popularity head changed,
 * and the gates. {@code liveSeq} is null when nothing was ever published.
 */
public record PairPlan(String tenant, String surface, Long liveSeq, List<KindPlan> kinds) {

    /**
     * Live values are null when nothing of the kind is live (or its blob is gone).
     * {@code topChanged} (kinds with ranked counts, i.e. popularity, else null) is the share of the live top-100 item ids
     * missing from the candidate's top 100.
     */
    public record KindPlan(ArtifactKind kind, String liveUri, String candidateUri, String liveVersion,
                           String candidateVersion, Integer liveItems, int candidateItems, Long liveBytes,
                           long candidateBytes, Double topChanged, Map<String, Object> gates, List<String> refusals) {

        /** As the registry decides: a kind changes when its URI does. */
        public boolean changed() {
            return !candidateUri.equals(liveUri);
        }
    }

    /** True when a publish would create a new history entry (some version differs from the live one). */
    public boolean changes() {
        return kinds.stream().anyMatch(KindPlan::changed);
    }

    /** True when every gate passes (or was forced). */
    public boolean passes() {
        return kinds.stream().allMatch(k -> k.refusals().isEmpty());
    }
}
