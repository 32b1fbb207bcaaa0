package io.recsys.pipelines.common.artifact;

import io.recsys.pipelines.common.json.GoJsonWriter;
import java.util.List;

/** Payload of {@code content_sim}: {@code items} with their tags, in item order. */
public record ContentSimPayload(List<ItemTags> items) implements ArtifactPayload {
    public ContentSimPayload {
        items = List.copyOf(items);
    }

    @Override
    public void writeTo(GoJsonWriter w) {
        w.beginArray();
        items.forEach(item -> item.writeTo(w));
        w.endArray();
    }

    /** Items with at least one tag (the builder keeps no others). */
    @Override
    public int itemCount() {
        return (int) items.stream().filter(item -> !item.tags().isEmpty()).count();
    }
}
