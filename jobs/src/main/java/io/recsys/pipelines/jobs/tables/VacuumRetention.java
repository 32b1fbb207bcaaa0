package io.recsys.pipelines.jobs.tables;

import io.recsys.pipelines.common.errors.PipelineException;

/**
 * The retention `table vacuum` runs with. Delta refuses less than its safety interval of 168 hours
 * because a shorter one can delete files that are still needed: by a reader or a running job that
 * reads an older table version, by a time travel to an older version (rebuilding what an artifact's
 * lineage names), or by a run writing at that moment whose files are not committed yet. So a shorter
 * retention is refused before Spark starts, unless --force says the operator knows no such reader
 * or run exists; then Delta's check is turned off for that vacuum only.
 */
public record VacuumRetention(int hours, boolean overridesSafetyCheck) {
    static final int DELTA_SAFETY_HOURS = 168;

    /** {@code --retain-hours} if given, else {@code tables.vacuum_retain_hours}; a usage error below 168 without --force. */
    public static VacuumRetention of(Integer retainHours, int configured, boolean force) {
        int hours = retainHours != null ? retainHours : configured;
        if (hours >= DELTA_SAFETY_HOURS) {
            return new VacuumRetention(hours, false);
        }
        if (!force) {
            String source = retainHours != null ? "--retain-hours " + hours : "tables.vacuum_retain_hours = " + hours;
            throw PipelineException.usage("table vacuum: " + source + " is below Delta's safety interval of "
                    + DELTA_SAFETY_HOURS + " hours. It can delete files that a reader or a running job still needs "
                    + "to read an older table version, files that time travel to an older version needs (rebuilding "
                    + "what an artifact's lineage names), and the not yet committed files of a run writing at that "
                    + "moment. Retain " + DELTA_SAFETY_HOURS + " hours or more, or pass --force if no reader, run or "
                    + "time travel needs those files");
        }
        return new VacuumRetention(hours, true);
    }
}
