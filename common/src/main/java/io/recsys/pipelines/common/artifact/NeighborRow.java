package io.recsys.pipelines.common.artifact;

import io.recsys.pipelines.common.json.GoJsonWriter;
import java.util.List;
import java.util.Objects;

/** {@code {"item_id","items":[...]}}: an anchor item and its neighbours; {@code items} may be empty. */
public record NeighborRow(String itemId, List<ItemCount> items) {
    public NeighborRow {
        Objects.requireNonNull(itemId, "item_id");
        items = List.copyOf(items);
    }

    void writeTo(GoJsonWriter w) {
        w.beginObject().name("item_id").value(itemId).name("items").beginArray();
        items.forEach(item -> item.writeTo(w));
        w.endArray().endObject();
    }
}
