package io.recsys.pipelines.common.artifact;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.recsys.pipelines.common.artifact.JsonShape.eachElement;
import static io.recsys.pipelines.common.artifact.JsonShape.requireInteger;
import static io.recsys.pipelines.common.artifact.JsonShape.requireString;

/** {@code popularity}: {@code items} of {item_id, count}, best first; the one kind the volume gates bound. */
final class PopularitySpec implements KindSpec<PopularityPayload>, KindSpec.RankedCounts {
    private static final PopularityPayload EMPTY = new PopularityPayload(List.of());

    @Override
    public String payloadKey() {
        return "items";
    }

    @Override
    public Class<PopularityPayload> payloadType() {
        return PopularityPayload.class;
    }

    @Override
    public PopularityPayload empty() {
        return EMPTY;
    }

    @Override
    public String countLabel() {
        return "items";
    }

    @Override
    public void checkShape(JsonNode envelope, List<String> problems) {
        eachElement(envelope, payloadKey(), problems, (item, at) -> {
            requireString(item, "item_id", at, problems);
            requireInteger(item, "count", at, problems);
        });
    }

    /** Every listed item (the builder lists none with a zero count). */
    @Override
    public int itemCount(JsonNode payload) {
        return payload.size();
    }

    @Override
    public Optional<RankedCounts> rankedCounts() {
        return Optional.of(this);
    }

    @Override
    public long total(JsonNode payload) {
        long total = 0;
        for (JsonNode item : payload) {
            total += item.path("count").asLong();
        }
        return total;
    }

    @Override
    public Set<String> topIds(JsonNode payload, int n) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode item : payload) {
            if (ids.size() == n) {
                break;
            }
            ids.add(item.path("item_id").asText());
        }
        return ids;
    }
}
