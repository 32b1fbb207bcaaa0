package io.recsys.pipelines.common.artifact;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

import static io.recsys.pipelines.common.artifact.JsonShape.eachElement;
import static io.recsys.pipelines.common.artifact.JsonShape.requireNumber;
import static io.recsys.pipelines.common.artifact.JsonShape.requireString;

/** {@code implicit} and {@code session_seq}: {@code users}, one {user_id, items of {item_id, score}} per user. */
final class UserScoresSpec implements KindSpec<UserScoresPayload> {
    private static final UserScoresPayload EMPTY = new UserScoresPayload(List.of());

    @Override
    public String payloadKey() {
        return "users";
    }

    @Override
    public Class<UserScoresPayload> payloadType() {
        return UserScoresPayload.class;
    }

    @Override
    public UserScoresPayload empty() {
        return EMPTY;
    }

    @Override
    public String countLabel() {
        return "users with items";
    }

    @Override
    public void checkShape(JsonNode envelope, List<String> problems) {
        eachElement(envelope, payloadKey(), problems, (user, at) -> {
            requireString(user, "user_id", at, problems);
            eachElement(user, "items", problems, (n, at2) -> {
                requireString(n, "item_id", at + "." + at2, problems);
                requireNumber(n, "score", at + "." + at2, problems);
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
