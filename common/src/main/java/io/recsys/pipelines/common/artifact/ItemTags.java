package io.recsys.pipelines.common.artifact;

import io.recsys.pipelines.common.json.GoJsonWriter;
import java.util.List;
import java.util.Objects;

/** {@code {"item_id","tags":[...]}}: a catalog item's normalised tags, in first-seen order. */
public record ItemTags(String itemId, List<String> tags) {
    public ItemTags {
        Objects.requireNonNull(itemId, "item_id");
        tags = List.copyOf(tags);
    }

    void writeTo(GoJsonWriter w) {
        w.beginObject().name("item_id").value(itemId).name("tags").beginArray();
        tags.forEach(w::value);
        w.endArray().endObject();
    }
}
