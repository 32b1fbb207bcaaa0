package io.recsys.pipelines.common.artifact;

import io.recsys.pipelines.common.json.GoJsonWriter;
import java.util.List;

/** Payload of {@code cooc}: {@code neighbors}, one row per anchor item, in anchor order. */
public record CoocPayload(List<NeighborRow> rows) implements ArtifactPayload {
    public CoocPayload {
        rows = List.copyOf(rows);
    }

    @Override
    public void writeTo(GoJsonWriter w) {
        w.beginArray();
        rows.forEach(row -> row.writeTo(w));
        w.endArray();
    }

    /** Anchors with at least one neighbour: an anchor whose list is empty gives a consumer nothing. */
    @Override
    public int itemCount() {
        return (int) rows.stream().filter(row -> !row.items().isEmpty()).count();
    }
}
