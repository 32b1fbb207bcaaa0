package io.recsys.pipelines.bench;

import java.lang.management.ManagementFactory;

/**
 * Wall time and this process's CPU time (all threads, DuckDB's native ones included) since
 * start. On a machine shared with other work, CPU seconds move much less than wall seconds.
 */
record Clock(long wallNanos, long cpuNanos) {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static Clock start() {
        return new Clock(System.nanoTime(), OS.getProcessCpuTime());
    }

    /** Wall and CPU seconds since start, read together. */
    record Lap(double seconds, double cpuSeconds) {
    }

    Lap lap() {
        return new Lap((System.nanoTime() - wallNanos) / 1e9, (OS.getProcessCpuTime() - cpuNanos) / 1e9);
    }
}
