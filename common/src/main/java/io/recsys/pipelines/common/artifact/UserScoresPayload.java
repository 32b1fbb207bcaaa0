package io.recsys.pipelines.common.artifact;

import io.recsys.pipelines.common.json.GoJsonWriter;
import java.util.List;

/** Payload of {@code implicit} and {@code session_seq}: {@code users}, in user order. */
public record UserScoresPayload(List<UserScores> users) implements ArtifactPayload {
    public UserScoresPayload {
        users = List.copyOf(users);
    }

    @Override
    public void writeTo(GoJsonWriter w) {
        w.beginArray();
        users.forEach(user -> user.writeTo(w));
        w.endArray();
    }

    /** Users with at least one item: a user whose list is empty gets no recommendation from it. */
    @Override
    public int itemCount() {
        return (int) users.stream().filter(user -> !user.items().isEmpty()).count();
    }
}
