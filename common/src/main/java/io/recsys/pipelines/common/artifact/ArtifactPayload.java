package io.recsys.pipelines.common.artifact;

import io.recsys.pipelines.common.json.GoJsonWriter;

/** The kind-specific array of an artifact; always written as an array, {@code []} when empty. */
public sealed interface ArtifactPayload permits PopularityPayload, CoocPayload, UserScoresPayload, ContentSimPayload {

    /** Writes the payload array value; the caller has already written its key. */
    void writeTo(GoJsonWriter w);

    /**
     * What a consumer gets, for records, reports and gates: popularity items, cooc anchors with at
     * least one neighbour, users with at least one item, tagged items ({@link ArtifactKind#countLabel()}
     * says which). Empty rows still belong to the artifact (and its version); they are just not counted.
     */
    int itemCount();
}
