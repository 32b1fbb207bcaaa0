package io.recsys.pipelines.common.artifact;

import io.recsys.pipelines.common.json.GoJsonWriter;
import java.util.Objects;

/** {@code {"item_id","score"}}: a float64 score, so Go's float formatting applies. */
public record ItemScore(String itemId, double score) {
    public ItemScore {
        Objects.requireNonNull(itemId, "item_id");
        // Checked here rather than at encode time so the failure names the offending item.
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score of item '" + itemId + "' is not finite: " + score);
        }
    }

    void writeTo(GoJsonWriter w) {
        w.beginObject().name("item_id").value(itemId).name("score").value(score).endObject();
    }
}
