package io.recsys.pipelines.registry.cli;

/** The lines of the commands' "Exit codes" help section (annotation values must be constants). */
final class ExitCodes {
    static final String OK = "0:success";
    static final String USAGE = "2:usage or configuration error (bad option, unknown config key, unknown pair)";
    static final String REFUSED = "5:refused: a gate or a rejected version stopped it, or verify found a problem";
    static final String CONFLICT = "6:a concurrent publish or rollback won; re-run to apply on top of it";
    static final String STORAGE = "7:storage unreachable or failing (an unknown outcome says so; re-running is safe)";

    private ExitCodes() {
    }
}
