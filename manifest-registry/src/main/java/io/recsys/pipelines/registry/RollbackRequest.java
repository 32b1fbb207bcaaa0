package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.errors.PipelineException;

/**
 * Roll one (tenant, surface) back to an earlier history entry: {@code toSeq} names it, or
 * {@code steps} counts back from the newest entry (exactly one of them is set). {@code force}
 * restores versions that a rollback rejected, as `run --force` publishes them.
 */
public record RollbackRequest(String tenant, String surface, Long toSeq, Integer steps, String reason, String who,
                              String runId, boolean force) {

    public RollbackRequest(String tenant, String surface, Long toSeq, Integer steps, String reason, String who,
                           String runId) {
        this(tenant, surface, toSeq, steps, reason, who, runId, false);
    }

    public RollbackRequest {
        if ((toSeq == null) == (steps == null)) {
            throw PipelineException.usage("rollback needs exactly one of --to SEQ and --steps N");
        }
        if (reason == null || reason.isBlank()) {
            throw PipelineException.usage("rollback needs --reason TEXT: it is written into the history entry");
        }
    }

    /** The entry to restore, checked against the newest entry. */
    long targetSeq(long newestSeq) {
        long target = toSeq != null ? toSeq : newestSeq - steps;
        if (target < 1 || target >= newestSeq) {
            throw PipelineException.usage("cannot roll " + tenant + "/" + surface + " back to entry " + target
                    + ": the target must be an earlier entry, between 1 and " + (newestSeq - 1)
                    + " (the newest is " + newestSeq + "); see `manifest history`");
        }
        return target;
    }
}
