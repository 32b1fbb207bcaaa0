package io.recsys.pipelines.common.artifact;

import io.recsys.pipelines.common.json.GoJsonWriter;
import java.util.Objects;

/** {@code {"item_id","count"}}: a popularity entry or a co-occurrence neighbour. */
public record ItemCount(String itemId, long count) {
    public ItemCount {
        Objects.requireNonNull(itemId, "item_id");
    }

    void writeTo(GoJsonWriter w) {
        w.beginObject().name("item_id").value(itemId).name("count").value(count).endObject();
    }
}
