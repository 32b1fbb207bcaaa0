package io.recsys.pipelines.common.artifact;

import io.recsys.pipelines.common.json.GoJsonWriter;
import java.util.List;
import java.util.Objects;

/** {@code {"user_id","items":[...]}}: one user's scored items; {@code items} may be empty. */
public record UserScores(String userId, List<ItemScore> items) {
    public UserScores {
        Objects.requireNonNull(userId, "user_id");
        items = List.copyOf(items);
    }

    void writeTo(GoJsonWriter w) {
        w.beginObject().name("user_id").value(userId).name("items").beginArray();
        items.forEach(item -> item.writeTo(w));
        w.endArray().endObject();
    }
}
