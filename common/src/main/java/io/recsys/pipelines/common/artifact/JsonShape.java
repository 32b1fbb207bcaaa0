package io.recsys.pipelines.common.artifact;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** The small checks the kinds' shape checks are made of; at most 20 problems are listed per blob. */
final class JsonShape {
    private static final int MAX_PROBLEMS = 20;

    interface ElementCheck {
        void check(JsonNode element, String at);
    }

    private JsonShape() {
    }

    static void eachElement(JsonNode parent, String field, List<String> problems, ElementCheck check) {
        JsonNode array = parent.path(field);
        if (!array.isArray()) {
            problems.add(field + " is not an array");
            return;
        }
        for (int i = 0; i < array.size() && problems.size() < MAX_PROBLEMS; i++) {
            check.check(array.get(i), field + "[" + i + "]");
        }
    }

    static void requireString(JsonNode node, String field, String at, List<String> problems) {
        if (!node.path(field).isTextual()) {
            problems.add(at + "." + field + " is not a string");
        }
    }

    static void requireInteger(JsonNode node, String field, String at, List<String> problems) {
        if (!node.path(field).isIntegralNumber()) {
            problems.add(at + "." + field + " is not an integer (" + node.path(field) + ")");
        }
    }

    static void requireNumber(JsonNode node, String field, String at, List<String> problems) {
        if (!node.path(field).isNumber()) {
            problems.add(at + "." + field + " is not a number");
        }
    }

    static void requireArray(JsonNode node, String field, String at, List<String> problems) {
        if (!node.path(field).isArray()) {
            problems.add(at + "." + field + " is not an array");
        }
    }

    /** Elements of {@code payload} whose array {@code field} is not empty (an unreadable payload has none). */
    static int withNonEmpty(JsonNode payload, String field) {
        int count = 0;
        for (JsonNode entry : payload) {
            if (!entry.path(field).isEmpty()) {
                count++;
            }
        }
        return count;
    }
}
