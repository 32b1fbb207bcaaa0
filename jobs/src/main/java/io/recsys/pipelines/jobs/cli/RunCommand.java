package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.common.storage.ObjectStores;
import io.recsys.pipelines.jobs.run.RunOptions;
import io.recsys.pipelines.jobs.run.RunPipeline;
import io.recsys.pipelines.jobs.run.RunReport;
import io.recsys.pipelines.jobs.spark.SparkSessions;
import io.recsys.pipelines.registry.RegistryLayout;
import io.recsys.pipelines.registry.RunInfo;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Canonicalize the day's events, write daily aggregates, build the popularity artifact for every "
                + "(tenant, surface) present (or the one named) and publish it: blobs write-once, records, a numbered "
                + "history entry, and the current manifest swapped last.",
                "A re-run of the same day with the same input publishes nothing new."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The UTC day to process.")
    LocalDate date;

    @Option(names = "--tenant", paramLabel = "T", description = "Only this tenant (default: every tenant in the data).")
    String tenant;

    @Option(names = "--surface", paramLabel = "S", description = "Only this surface (default: every surface in the data).")
    String surface;

    @Option(names = "--segment", paramLabel = "SEG", defaultValue = "",
            description = "Segment written into the artifacts (and so into their versions); default none.")
    String segment;

    @Option(names = "--force", description = "Publish even if the popularity total dropped more than publish.max_drop_ratio "
            + "(recorded in the history entry).")
    boolean force;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() {
        PipelineConfig config = configOptions.load();
        Instant startedAt = Instant.now();
        String runId = RunIds.next(startedAt);
        RunReport report = new RunReport(runId, "run", startedAt);
        Path reportPath = new Path(Locations.resolve(config.storage().reports()), "run-" + runId + ".json");
        SparkSessions.RunSession session = SparkSessions.open("recsys-pipelines run " + date, config);
        SparkSession spark = session.spark();
        int exitCode = 0;
        String error = null;
        try {
            RunInfo runInfo = new RunInfo(runId, startedAt, RunIds.who(), "daily run " + date, lineage(spark));
            RunPipeline.Result result = new RunPipeline(spark, config,
                    new RunOptions(date, tenant, surface, segment, force), report, runInfo).execute();
            Summary.print(result, new RegistryLayout(Locations.resolve(config.storage().registry())), System.out);
            return 0;
        } catch (RuntimeException e) {
            PipelineException known = Main.findPipelineException(e);
            exitCode = known != null ? known.exitCode().code() : ExitCode.UNEXPECTED.code();
            error = known != null ? known.getMessage() : e.toString();
            throw e;
        } finally {
            report.finish(exitCode, error, Instant.now());
            try {
                report.write(ObjectStores.forLocation(reportPath, spark.sparkContext().hadoopConfiguration()), reportPath);
                System.out.println("run report: " + reportPath);
            } catch (RuntimeException e) {
                System.err.println("warning: could not write the run report to " + reportPath + ": " + e.getMessage());
            }
            session.close();
        }
    }

    private Map<String, Object> lineage(SparkSession spark) {
        Map<String, Object> lineage = new LinkedHashMap<>();
        lineage.put("command", "run --date " + date + (tenant != null ? " --tenant " + tenant : "")
                + (surface != null ? " --surface " + surface : "") + (segment.isEmpty() ? "" : " --segment " + segment)
                + (force ? " --force" : "") + " " + String.join(" ", configOptions.describe()));
        lineage.put("code_version", VersionProvider.version());
        lineage.put("spark_application_id", spark.sparkContext().applicationId());
        return lineage;
    }
}
