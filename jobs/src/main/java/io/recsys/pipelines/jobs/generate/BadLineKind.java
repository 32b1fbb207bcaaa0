package io.recsys.pipelines.jobs.generate;

import io.recsys.pipelines.common.events.RejectReason;
import java.util.Arrays;
import java.util.List;

/**
 * The kinds of invalid line the generator writes, each with the reject reason a reader that
 * follows contract section 1.3 must give it, so tests can predict reject counts exactly.
 */
public enum BadLineKind {
    /** A valid line cut in half. */
    MALFORMED_JSON(RejectReason.MALFORMED_JSON, true),
    /** {@code "v":"1"}: the version must be a JSON integer. */
    VERSION_AS_STRING(RejectReason.badType("v"), true),
    /** {@code "v":2}. */
    UNSUPPORTED_VERSION(RejectReason.BAD_VERSION, true),
    MISSING_ITEM_ID(RejectReason.missingField("item_id"), true),
    /** {@code ts} written as local time without {@code Z} or {@code ±hh:mm}. */
    TS_WITHOUT_OFFSET(RejectReason.BAD_TS, true),
    /**
     * {@code "rank":-1}. Outcomes have no rank, so there it would be an ignored unknown key
     * rather than an error: this kind is only used for exposures.
     */
    NEGATIVE_RANK(RejectReason.NEGATIVE_RANK, false),
    BLANK_LINE(RejectReason.BLANK_LINE, true),
    /** A valid event wrapped in {@code [...]}. */
    JSON_ARRAY(RejectReason.NOT_OBJECT, true);

    private static final List<BadLineKind> EXPOSURE_ROTATION = List.of(values());
    private static final List<BadLineKind> OUTCOME_ROTATION =
            Arrays.stream(values()).filter(kind -> kind.appliesToOutcomes).toList();

    private final String rejectReason;
    private final boolean appliesToOutcomes;

    BadLineKind(String rejectReason, boolean appliesToOutcomes) {
        this.rejectReason = rejectReason;
        this.appliesToOutcomes = appliesToOutcomes;
    }

    /** The reason code of contract 1.3 under which a reader rejects this line. */
    public String rejectReason() {
        return rejectReason;
    }

    /**
     * The kind of the {@code n}-th bad line (from 0) of a stream. A fixed rotation instead of a
     * random pick makes the count of every kind a function of the number of bad lines alone.
     */
    public static BadLineKind nth(long n, boolean outcome) {
        List<BadLineKind> rotation = outcome ? OUTCOME_ROTATION : EXPOSURE_ROTATION;
        return rotation.get((int) (n % rotation.size()));
    }
}
