package io.recsys.pipelines.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Entry points for Go-compatible JSON: single literals, and re-encoding parsed documents. */
public final class GoJson {
    private GoJson() {
    }

    /** The JSON string literal Go writes for {@code s}, quotes included. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        GoStringEscaper.appendQuoted(out, s);
        return out.toString();
    }

    /** The text Go's encoding/json writes for a float64; NaN and infinities are rejected. */
    public static String formatFloat(double d) {
        return GoFloatFormat.format(d);
    }

    /**
     * Re-encodes a Jackson tree as Go would marshal it, keeping object keys in document order.
     * Integral numbers stay integers; every other number is a float64, which is how the Go types
     * behind the artifacts read them (a score written {@code 1} re-encodes as {@code 1}).
     */
    public static byte[] writeTree(JsonNode node) {
        GoJsonWriter writer = new GoJsonWriter();
        write(writer, node);
        return writer.toBytes();
    }

    private static void write(GoJsonWriter w, JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                w.beginObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    w.name(field.getKey());
                    write(w, field.getValue());
                }
                w.endObject();
            }
            case ARRAY -> {
                w.beginArray();
                for (JsonNode element : node) {
                    write(w, element);
                }
                w.endArray();
            }
            case STRING -> w.value(node.textValue());
            case NUMBER -> writeNumber(w, node);
            case BOOLEAN -> w.value(node.booleanValue());
            case NULL -> w.valueNull();
            default -> throw new IllegalArgumentException("cannot encode JSON node of type " + node.getNodeType());
        }
    }

    private static void writeNumber(GoJsonWriter w, JsonNode node) {
        if (!node.isIntegralNumber()) {
            w.value(node.doubleValue());
        } else if (node.canConvertToLong()) {
            w.value(node.longValue());
        } else {
            w.rawInteger(node.bigIntegerValue().toString());
        }
    }
}
