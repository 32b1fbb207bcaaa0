package io.recsys.pipelines.common.artifact;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

import static io.recsys.pipelines.common.artifact.JsonShape.eachElement;
import static io.recsys.pipelines.common.artifact.JsonShape.requireInteger;
import static io.recsys.pipelines.common.artifact.JsonShape.requireString;

/** {@code cooc}: {@code neighbors}, one {item_id, items of {item_id, count}} row per anchor. */
final class CoocSpec implements KindSpec<CoocPayload> {
    private static final CoocPayload EMPTY = new CoocPayload(List.of());

    @Override
    public String payloadKey() {
        return "neighbors";
    }

    @Override
    public Class<CoocPayload> payloadType() {
        return CoocPayload.class;
    }

    @Override
    public CoocPayload empty() {
        return EMPTY;
    }

    @Override
    public String countLabel() {
        return "anchors with neighbours";
    }

    @Override
    public void checkShape(JsonNode envelope, List<String> problems) {
        eachElement(envelope, payloadKey(), problems, (row, at) -> {
            requireString(row, "item_id", at, problems);
            eachElement(row, "items", problems, (n, at2) -> {
                requireString(n, "item_id", at + "." + at2, problems);
                requireInteger(n, "count", at + "." + at2, problems);
            });
        });
    }

    @Override
    public int itemCount(JsonNode payload) {
        return JsonShape.withNonEmpty(payload, "items");
    }

    @Override
    public Optional<RankedCounts> rankedCounts() {
        return Optional.empty();
    }
}
