package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.jobs.spark.JobLabel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Runs a stage, logs one line when it starts and one when it ends, and records it in the report. */
public final class StageTimer {
    private static final Logger LOG = LoggerFactory.getLogger("recsys.pipelines");
    private final RunReport report;

    public StageTimer(RunReport report) {
        this.report = report;
    }

    public <T> T time(String stage, Supplier<T> work, java.util.function.Function<T, Map<String, Object>> details) {
        LOG.info("[{}] started", stage);
        long start = System.nanoTime();
        T result;
        try (JobLabel label = JobLabel.of(stage)) {
            result = work.get();
        } catch (RuntimeException e) {
            // A failed stage is in the report too: which stages ran, and where the run stopped.
            double seconds = (System.nanoTime() - start) / 1e9;
            PipelineException known = PipelineException.find(e);
            report.stage(stage, seconds, Map.of("failed", true, "exit_code",
                    known != null ? known.exitCode().code() : ExitCode.UNEXPECTED.code()));
            LOG.info("[{}] failed after {}s", stage, String.format(Locale.ROOT, "%.2f", seconds));
            throw e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> d = details.apply(result);
        report.stage(stage, seconds, d);
        LOG.info("[{}] done in {}s {}", stage, String.format(Locale.ROOT, "%.2f", seconds), d);
        return result;
    }

    public static Logger log() {
        return LOG;
    }
}
