package io.recsys.pipelines.jobs.generate;

import io.recsys.pipelines.common.events.RejectReason;
import java.util.Arrays;
import java.util.List;

/**
 * The kinds of invalid line the generator writes, each named by the reason code the pipeline's
 * parser (common's RawEventParser, contract section 1.3) gives it: the generator's summary and the
 * run report speak of the same {@code bad_type:v}, {@code malformed_json}, ...
 */
public enum BadLineKind {
    /** A valid line cut in half. */
    MALFORMED_JSON(RejectReason.MALFORMED_JSON, true, true),
    /** {@code "v":"1"}: the version must be a JSON integer. */
    VERSION_AS_STRING(RejectReason.badType("v"), true, true),
    /** {@code "v":2}. */
    UNSUPPORTED_VERSION(RejectReason.BAD_VERSION, true, true),
    MISSING_ITEM_ID(RejectReason.missingField("item_id"), true, true),
    /** {@code ts} written as local time without {@code Z} or {@code ±hh:mm}. */
    TS_WITHOUT_OFFSET(RejectReason.BAD_TS, true, true),
    /**
     * {@code "rank":-1}. Outcomes have no rank, so there it would be an ignored unknown key
     * rather than an error: this kind is only used for exposures.
     */
    NEGATIVE_RANK(RejectReason.NEGATIVE_RANK, true, false),
    BLANK_LINE(RejectReason.BLANK_LINE, true, true),
    /** A valid event wrapped in {@code [...]}. */
    JSON_ARRAY(RejectReason.NOT_OBJECT, true, true),
    /** A tenant with a {@code /}, which cannot be a storage path segment. */
    TENANT_WITH_SLASH(RejectReason.badValue("tenant"), true, true),
    /** {@code "event_type":"view"}: outcomes only, exposures have no event type. */
    UNKNOWN_EVENT_TYPE(RejectReason.BAD_EVENT_TYPE, false, true);

    private static final List<BadLineKind> EXPOSURE_ROTATION =
            Arrays.stream(values()).filter(kind -> kind.appliesTo(false)).toList();
    private static final List<BadLineKind> OUTCOME_ROTATION =
            Arrays.stream(values()).filter(kind -> kind.appliesTo(true)).toList();

    private final String rejectReason;
    private final boolean appliesToExposures;
    private final boolean appliesToOutcomes;

    BadLineKind(String rejectReason, boolean appliesToExposures, boolean appliesToOutcomes) {
        this.rejectReason = rejectReason;
        this.appliesToExposures = appliesToExposures;
        this.appliesToOutcomes = appliesToOutcomes;
    }

    /** The reason code under which the pipeline rejects this line, as the run report and the rejects name it. */
    public String rejectReason() {
        return rejectReason;
    }

    boolean appliesTo(boolean outcome) {
        return outcome ? appliesToOutcomes : appliesToExposures;
    }

    /** The kinds a stream's bad lines take turns in. */
    static List<BadLineKind> rotation(boolean outcome) {
        return outcome ? OUTCOME_ROTATION : EXPOSURE_ROTATION;
    }

    /**
     * The kind of the {@code n}-th bad line (from 0) of a stream. A fixed rotation instead of a
     * random pick makes the count of every kind a function of the number of bad lines alone.
     */
    public static BadLineKind nth(long n, boolean outcome) {
        List<BadLineKind> rotation = rotation(outcome);
        return rotation.get((int) (n % rotation.size()));
    }
}
