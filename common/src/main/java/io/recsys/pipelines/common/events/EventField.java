package io.recsys.pipelines.common.events;

/**
 * The JSON keys the parser reads. Declaration order is the order in which rules are checked, so
 * a line that breaks several rules always gets the same reason. Reason strings are built once
 * here so that rejecting a line allocates nothing.
 */
enum EventField {
    V("v"),
    TS("ts"),
    TENANT("tenant"),
    SURFACE("surface"),
    SESSION_ID("session_id"),
    ITEM_ID("item_id"),
    USER_ID("user_id"),
    REQUEST_ID("request_id"),
    RANK("rank"),
    EVENT_TYPE("event_type"),
    VALUE("value");

    static final int COUNT = values().length;

    final String key;
    final String missing;
    final String badType;
    final String badValue;

    EventField(String key) {
        this.key = key;
        this.missing = RejectReason.missingField(key);
        this.badType = RejectReason.badType(key);
        this.badValue = RejectReason.badValue(key);
    }

    /** The field {@code key} names for this event type, or {@code null} for a key that type ignores. */
    static EventField forKey(String key, EventType type) {
        return switch (key) {
            case "v" -> V;
            case "ts" -> TS;
            case "tenant" -> TENANT;
            case "surface" -> SURFACE;
            case "session_id" -> SESSION_ID;
            case "item_id" -> ITEM_ID;
            case "user_id" -> USER_ID;
            case "request_id" -> REQUEST_ID;
            case "rank" -> type == EventType.EXPOSURE ? RANK : null;
            case "event_type" -> type == EventType.OUTCOME ? EVENT_TYPE : null;
            case "value" -> type == EventType.OUTCOME ? VALUE : null;
            default -> null;
        };
    }
}
