package io.recsys.pipelines.registry;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The payload shapes of contract 4.2 as the service decodes them into typed fields: a count
 * written as 1.0 does not decode into an integer field, a missing array does not decode at all.
 */
final class PayloadShape {
    private PayloadShape() {
    }

    static void check(String kind, JsonNode root, List<String> problems) {
        switch (kind) {
            case "popularity" -> eachElement(root, "items", problems, (item, at) -> {
                requireString(item, "item_id", at, problems);
                requireInteger(item, "count", at, problems);
            });
            case "cooc" -> eachElement(root, "neighbors", problems, (row, at) -> {
                requireString(row, "item_id", at, problems);
                eachElement(row, "items", problems, (n, at2) -> {
                    requireString(n, "item_id", at + "." + at2, problems);
                    requireInteger(n, "count", at + "." + at2, problems);
                });
            });
            case "implicit", "session_seq" -> eachElement(root, "users", problems, (user, at) -> {
                requireString(user, "user_id", at, problems);
                eachElement(user, "items", problems, (n, at2) -> {
                    requireString(n, "item_id", at + "." + at2, problems);
                    if (!n.path("score").isNumber()) {
                        problems.add(at + "." + at2 + ".score is not a number");
                    }
                });
            });
            case "content_sim" -> eachElement(root, "items", problems, (item, at) -> {
                requireString(item, "item_id", at, problems);
                if (!item.path("tags").isArray()) {
                    problems.add(at + ".tags is not an array");
                }
            });
            default -> problems.add("unknown artifact kind " + kind);
        }
    }

    private interface ElementCheck {
        void check(JsonNode element, String at);
    }

    private static void eachElement(JsonNode parent, String field, List<String> problems, ElementCheck check) {
        JsonNode array = parent.path(field);
        if (!array.isArray()) {
            problems.add(field + " is not an array");
            return;
        }
        for (int i = 0; i < array.size() && problems.size() < 20; i++) {
            check.check(array.get(i), field + "[" + i + "]");
        }
    }

    private static void requireString(JsonNode node, String field, String at, List<String> problems) {
        if (!node.path(field).isTextual()) {
            problems.add(at + "." + field + " is not a string");
        }
    }

    private static void requireInteger(JsonNode node, String field, String at, List<String> problems) {
        if (!node.path(field).isIntegralNumber()) {
            problems.add(at + "." + field + " is not an integer (" + node.path(field) + ")");
        }
    }
}
