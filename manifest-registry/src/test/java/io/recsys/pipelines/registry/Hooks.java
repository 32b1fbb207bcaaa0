package io.recsys.pipelines.registry;

import java.util.concurrent.atomic.AtomicBoolean;

/** For tests of other modules: runs an action once when a registry's publish or rollback reaches a step. */
public final class Hooks {
    private Hooks() {
    }

    /** {@code step}: a {@link PublishHook.Step} name, e.g. BEFORE_HISTORY_ENTRY. */
    public static void once(Registry registry, String step, Runnable action) {
        PublishHook.Step at = PublishHook.Step.valueOf(step);
        AtomicBoolean done = new AtomicBoolean();
        registry.setHook(reached -> {
            if (reached == at && done.compareAndSet(false, true)) {
                action.run();
            }
        });
    }
}
