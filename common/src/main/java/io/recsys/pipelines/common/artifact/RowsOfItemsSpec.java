package io.recsys.pipelines.common.artifact;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

import static io.recsys.pipelines.common.artifact.JsonShape.eachElement;
import static io.recsys.pipelines.common.artifact.JsonShape.requireInteger;
import static io.recsys.pipelines.common.artifact.JsonShape.requireNumber;
import static io.recsys.pipelines.common.artifact.JsonShape.requireString;

/**
 * The kinds whose payload is one row per key with a list of scored items: {@code cooc} (a row per
 * anchor item, its neighbours with integer counts) and {@code implicit} / {@code session_seq} (a row
 * per user, items with numeric scores). They differ only in names and in the type of the value, so
 * one class describes them, built by {@link #cooc()} and {@link #userScores()}.
 */
final class RowsOfItemsSpec<P extends ArtifactPayload> implements KindSpec<P> {
    private final String payloadKey;
    private final Class<P> payloadType;
    private final P empty;
    private final String countLabel;
    private final String rowKey;
    private final String valueField;
    private final boolean integerValues;

    private RowsOfItemsSpec(String payloadKey, Class<P> payloadType, P empty, String countLabel, String rowKey,
                            String valueField, boolean integerValues) {
        this.payloadKey = payloadKey;
        this.payloadType = payloadType;
        this.empty = empty;
        this.countLabel = countLabel;
        this.rowKey = rowKey;
        this.valueField = valueField;
        this.integerValues = integerValues;
    }

    /** {@code neighbors}: one {item_id, items of {item_id, count}} row per anchor. */
    static RowsOfItemsSpec<CoocPayload> cooc() {
        return new RowsOfItemsSpec<>("neighbors", CoocPayload.class, new CoocPayload(List.of()),
                "anchors with neighbours", "item_id", "count", true);
    }

    /** {@code users}: one {user_id, items of {item_id, score}} row per user. */
    static RowsOfItemsSpec<UserScoresPayload> userScores() {
        return new RowsOfItemsSpec<>("users", UserScoresPayload.class, new UserScoresPayload(List.of()),
                "users with items", "user_id", "score", false);
    }

    @Override
    public String payloadKey() {
        return payloadKey;
    }

    @Override
    public Class<P> payloadType() {
        return payloadType;
    }

    @Override
    public P empty() {
        return empty;
    }

    @Override
    public String countLabel() {
        return countLabel;
    }

    @Override
    public void checkShape(JsonNode envelope, List<String> problems) {
        eachElement(envelope, payloadKey, problems, (row, at) -> {
            requireString(row, rowKey, at, problems);
            eachElement(row, "items", problems, (item, at2) -> {
                requireString(item, "item_id", at + "." + at2, problems);
                if (integerValues) {
                    requireInteger(item, valueField, at + "." + at2, problems);
                } else {
                    requireNumber(item, valueField, at + "." + at2, problems);
                }
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
