package io.recsys.pipelines.common.events;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds raw JSONL lines from a valid base event, one raw JSON value per key, in insertion order. */
final class Lines {

    private final Map<String, String> fields = new LinkedHashMap<>();

    private Lines() {
    }

    static Lines exposure() {
        return new Lines()
                .with("v", "1")
                .with("ts", "\"2026-01-01T08:00:00Z\"")
                .with("tenant", "\"demo\"")
                .with("surface", "\"home\"")
                .with("session_id", "\"s1\"")
                .with("item_id", "\"A\"")
                .with("rank", "1");
    }

    static Lines outcome() {
        return new Lines()
                .with("v", "1")
                .with("ts", "\"2026-01-01T08:00:00Z\"")
                .with("tenant", "\"demo\"")
                .with("surface", "\"home\"")
                .with("item_id", "\"A\"")
                .with("event_type", "\"click\"");
    }

    /** Sets {@code key} to the raw JSON text {@code json}, e.g. {@code "1.0"} or {@code "\"x\""}. */
    Lines with(String key, String json) {
        fields.put(key, json);
        return this;
    }

    Lines without(String key) {
        fields.remove(key);
        return this;
    }

    String line() {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((key, json) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(key).append("\":").append(json);
        });
        return sb.append('}').toString();
    }
}
