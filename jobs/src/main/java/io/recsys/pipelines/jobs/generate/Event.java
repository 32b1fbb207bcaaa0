package io.recsys.pipelines.jobs.generate;

/**
 * The event being written. One mutable instance is reused for every line so that the hot loop
 * allocates nothing; the session's fields stay set while its exposures and outcomes are written.
 */
final class Event {
    int tenant;
    int surface;
    long session;
    /** 0 for an anonymous session, otherwise the n of {@code u-<n>}. */
    int user;
    long request;
    /** 0-based popularity rank in the catalog; written as {@code item-<rank + 1>}. */
    int item;
    int rank;
    /** The UTC instant, as milliseconds after 00:00Z of the file's day. */
    int millisOfDay;
}
