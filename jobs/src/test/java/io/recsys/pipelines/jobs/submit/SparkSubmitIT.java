package io.recsys.pipelines.jobs.submit;

import io.recsys.pipelines.jobs.testing.S3Server;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jar as a spark-submit artifact: a child JVM runs Spark's own submit entry point
 * ({@code org.apache.spark.deploy.SparkSubmit}) with only Spark's jars and the shaded jar on its
 * classpath, as on a cluster without any of our other jars. Runs after `package` (failsafe).
 */
class SparkSubmitIT {
    private static SparkSubmitter submitter;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locateArtifacts() throws IOException {
        submitter = SparkSubmitter.locate();
    }

    private SparkSubmitter.Submitted submit(String... appArgs) throws Exception {
        return submitter.submit(tmp, List.of("--master", "local[2]", "--conf", "spark.sql.shuffle.partitions=2"),
                List.of(appArgs));
    }

    private List<String> runArgs(Workspace ws, Path input, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--date", "2026-01-01"));
        args.addAll(ws.storageArgs());
        args.addAll(List.of("--set", "input.exposures=" + input, "--set", "input.outcomes="));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void theShadedJarRunsTheDailyPipelineThroughSparkSubmit() throws Exception {
        Workspace ws = new Workspace(tmp);
        Path input = ws.input("day.jsonl",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:01Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"B\"}");

        SparkSubmitter.Submitted result = submit(runArgs(ws, input).toArray(String[]::new));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(ws.pointer("demo", "home").get("current").has("popularity"));
        assertTrue(ws.pointer("demo", "home").get("current").has("cooc"));
    }

    @Test
    @ExtendWith(S3Server.Extension.class)
    void theShadedJarRunsAgainstTheS3ServerThroughSparkSubmit(S3Server s3) throws Exception {
        String bucket = "submit-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(bucket);
        s3.put(bucket, "raw/2026-01-01.jsonl",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}\n");
        String root = "s3a://" + bucket;
        List<String> overrides = new ArrayList<>(s3.overrides(S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
        overrides.addAll(List.of("input.exposures=" + root + "/raw/{date}.jsonl", "input.outcomes=",
                "storage.canonical=" + root + "/canonical", "storage.aggregates=" + root + "/aggregates",
                "storage.objectstore=" + root + "/", "storage.registry=" + root + "/registry",
                "storage.reports=" + root + "/reports", "metrics.textfile=" + tmp.resolve("metrics.prom")));
        List<String> args = new ArrayList<>(List.of("run", "--date", "2026-01-01"));
        args.addAll(S3Server.setArgs(overrides));

        SparkSubmitter.Submitted result = submit(args.toArray(String[]::new));

        assertEquals(0, result.exitCode(), result.output());
        String manifest = new String(s3.get(bucket, "registry/current/demo/home/manifest.json").orElseThrow(),
                StandardCharsets.UTF_8);
        assertTrue(manifest.contains("\"popularity\":\"s3://" + bucket + "/demo/home/popularity/"), manifest);
        assertTrue(!result.output().contains(S3Server.SECRET_KEY + "\""), "the secret never reaches the logs");
    }

    @Test
    void aBadConfigExits2ThroughSparkSubmit() throws Exception {
        Workspace ws = new Workspace(tmp);
        Path input = ws.input("day.jsonl", "{}");
        SparkSubmitter.Submitted result = submit(runArgs(ws, input, "--set", "limits.max_itemz=1").toArray(String[]::new));
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("limits.max_itemz"), result.output());
    }

    @Test
    void overBudgetInputExits3ThroughSparkSubmit() throws Exception {
        Workspace ws = new Workspace(tmp);
        Path input = ws.input("day.jsonl", "{not json", "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\","
                + "\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}");
        SparkSubmitter.Submitted result = submit(runArgs(ws, input).toArray(String[]::new));
        assertEquals(3, result.exitCode(), result.output());
        assertTrue(!Files.exists(tmp.resolve("registry" + File.separator + "current")));
    }
}
