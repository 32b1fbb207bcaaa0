package io.recsys.pipelines.registry;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The current pointer the service reads: exactly
 * {@code {"v":1,"tenant","surface","current":{kind: uri},"updated_at"}} and no other keys.
 * {@code current} is sorted by kind so equal manifests serialize to equal bytes.
 */
@JsonSerialize(using = Manifest.Serializer.class)
@JsonDeserialize(using = ManifestDeserializer.class)
public record Manifest(String tenant, String surface, SortedMap<String, String> current, String updatedAt) {

    public Manifest {
        current = Collections.unmodifiableSortedMap(new TreeMap<>(current));
    }

    public Manifest withArtifacts(Map<String, String> kindToUri, String newUpdatedAt) {
        TreeMap<String, String> merged = new TreeMap<>(current);
        merged.putAll(kindToUri);
        return new Manifest(tenant, surface, merged, newUpdatedAt);
    }

    public byte[] toBytes() {
        try {
            return RegistryJson.COMPACT.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Manifest fromNode(JsonNode node) {
        TreeMap<String, String> current = new TreeMap<>();
        JsonNode cur = node.path("current");
        for (Iterator<Map.Entry<String, JsonNode>> it = cur.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            current.put(e.getKey(), e.getValue().asText());
        }
        return new Manifest(node.path("tenant").asText(), node.path("surface").asText(), current,
                node.path("updated_at").asText());
    }

    static final class Serializer extends StdSerializer<Manifest> {
        Serializer() {
            super(Manifest.class);
        }

        @Override
        public void serialize(Manifest m, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            g.writeNumberField("v", 1);
            g.writeStringField("tenant", m.tenant());
            g.writeStringField("surface", m.surface());
            g.writeObjectFieldStart("current");
            for (Map.Entry<String, String> e : m.current().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeStringField("updated_at", m.updatedAt());
            g.writeEndObject();
        }
    }
}
