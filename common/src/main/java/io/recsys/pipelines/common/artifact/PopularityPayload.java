package io.recsys.pipelines.common.artifact;

import io.recsys.pipelines.common.json.GoJsonWriter;
import java.util.List;

/** Payload of {@code popularity}: {@code items}, already sorted and cut by the builder. */
public record PopularityPayload(List<ItemCount> items) implements ArtifactPayload {
    public PopularityPayload {
        items = List.copyOf(items);
    }

    @Override
    public void writeTo(GoJsonWriter w) {
        w.beginArray();
        items.forEach(item -> item.writeTo(w));
        w.endArray();
    }

    @Override
    public int itemCount() {
        return items.size();
    }
}
