package io.recsys.pipelines.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;

/** Reads a manifest embedded in a history entry (same shape as the pointer). */
final class ManifestDeserializer extends StdDeserializer<Manifest> {
    ManifestDeserializer() {
        super(Manifest.class);
    }

    @Override
    public Manifest deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode node = p.readValueAsTree();
        return Manifest.fromNode(node);
    }
}
