package io.recsys.pipelines.registry;

/**
 * Called at each step of a publish, so that tests can stop a publish there as a crash would. In
 * production it is {@link #NONE}.
 */
interface PublishHook {
    PublishHook NONE = step -> { };

    enum Step { AFTER_BLOBS, AFTER_RECORDS, BEFORE_HISTORY_ENTRY, AFTER_HISTORY_ENTRY, BEFORE_SWAP }

    void reached(Step step);
}
