package io.recsys.pipelines.common.artifact;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the suite knows about one artifact kind except how Spark builds it (that is
 * {@code jobs.kinds.KindBuilders}, keyed by {@link ArtifactKind}): the payload it carries, its empty
 * payload, the shape the service decodes (contract 4.2) and what the publish gates read from a
 * stored blob (contract 7). {@link ArtifactKind#spec()} gives a kind's spec; {@code implicit} and
 * {@code session_seq} share one, as they share their payload.
 *
 * <p>The checks read parsed JSON, not payload objects: the registry judges the bytes the service
 * would read, whoever wrote them.
 */
public sealed interface KindSpec<P extends ArtifactPayload> permits PopularitySpec, RowsOfItemsSpec, ContentSimSpec {
    KindSpec<PopularityPayload> POPULARITY = new PopularitySpec();
    KindSpec<CoocPayload> COOC = RowsOfItemsSpec.cooc();
    KindSpec<UserScoresPayload> USER_SCORES = RowsOfItemsSpec.userScores();
    KindSpec<ContentSimPayload> CONTENT_SIM = new ContentSimSpec();

    /** The envelope key holding the payload array. */
    String payloadKey();

    /** The payload class an artifact of the kind must carry: the service decodes the payload by artifact_type. */
    Class<P> payloadType();

    /** The payload of a pair without rows of the kind: still an artifact, its array written as {@code []}. */
    P empty();

    /**
     * What {@link ArtifactPayload#itemCount()} counts for this kind, for every place that prints it:
     * what a consumer gets, not the rows of the payload.
     */
    String countLabel();

    /**
     * Adds to {@code problems} what keeps the service from decoding the payload of {@code envelope}
     * into its typed fields: a count written as 1.0 does not decode into an integer field, a missing
     * array does not decode at all.
     */
    void checkShape(JsonNode envelope, List<String> problems);

    /** {@link ArtifactPayload#itemCount()} of a stored payload array, counted from its JSON. */
    int itemCount(JsonNode payload);

    /**
     * The volume gates (contract 7: {@code min_items}, {@code max_drop_ratio}, and the head change a
     * dry-run plan shows) apply to kinds whose payload is one ranked list of counted items, i.e.
     * popularity; empty for the others, which pass no volume gate.
     */
    Optional<RankedCounts> rankedCounts();

    /** A payload that is one list of counted items, best first: what the volume gates compare. */
    interface RankedCounts {
        /** The sum of the counts, which must not drop too far against the live artifact. */
        long total(JsonNode payload);

        /** The distinct ids of the first items, best first, at most {@code n}. */
        Set<String> topIds(JsonNode payload, int n);
    }
}
