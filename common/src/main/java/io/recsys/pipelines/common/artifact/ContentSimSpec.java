package io.recsys.pipelines.common.artifact;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

import static io.recsys.pipelines.common.artifact.JsonShape.eachElement;
import static io.recsys.pipelines.common.artifact.JsonShape.requireArray;
import static io.recsys.pipelines.common.artifact.JsonShape.requireString;

/** {@code content_sim}: {@code items} of {item_id, tags}, in item order. */
final class ContentSimSpec implements KindSpec<ContentSimPayload> {
    private static final ContentSimPayload EMPTY = new ContentSimPayload(List.of());

    @Override
    public String payloadKey() {
        return "items";
    }

    @Override
    public Class<ContentSimPayload> payloadType() {
        return ContentSimPayload.class;
    }

    @Override
    public ContentSimPayload empty() {
        return EMPTY;
    }

    @Override
    public String countLabel() {
        return "items with tags";
    }

    @Override
    public void checkShape(JsonNode envelope, List<String> problems) {
        eachElement(envelope, payloadKey(), problems, (item, at) -> {
            requireString(item, "item_id", at, problems);
            requireArray(item, "tags", at, problems);
        });
    }

    @Override
    public int itemCount(JsonNode payload) {
        return JsonShape.withNonEmpty(payload, "tags");
    }

    @Override
    public Optional<RankedCounts> rankedCounts() {
        return Optional.empty();
    }
}
