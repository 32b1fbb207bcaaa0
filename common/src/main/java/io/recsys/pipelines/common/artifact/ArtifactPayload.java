package io.recsys.pipelines.common.artifact;

import io.recsys.pipelines.common.json.GoJsonWriter;

/** The kind-specific array of an artifact; always written as an array, {@code []} when empty. */
public sealed interface ArtifactPayload permits PopularityPayload, CoocPayload, UserScoresPayload, ContentSimPayload {

    /** Writes the payload array value; the caller has already written its key. */
    void writeTo(GoJsonWriter w);

    /** Number of top-level entries (items, anchor rows or users), for reports and gates. */
    int itemCount();
}
