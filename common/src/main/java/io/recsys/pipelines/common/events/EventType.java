package io.recsys.pipelines.common.events;

/** The two raw event kinds of contract section 1; each has its own required and optional fields. */
public enum EventType {
    EXPOSURE,
    OUTCOME
}
