package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.jobs.testing.Captured;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.pipelines.common.artifact.ArtifactEncoder;
import io.recsys.pipelines.jobs.cli.Main;
import io.recsys.pipelines.jobs.testing.S3Server;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.registry.ServiceReaderChecks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily run with its input and every output on S3 (a real S3 server), read back the way the
 * service reads it: a plain S3 GET of the pointer, then of every s3:// URI in it.
 */
@ExtendWith({SharedSpark.class, S3Server.Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3RunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DAY = "2026-01-01";
    private static final String SECRET = "minioadmin";

    private final S3Server s3;
    private final String bucket = "run-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path tmp;
    private int firstRunExit;

    S3RunTest(S3Server s3) throws IOException {
        this.s3 = s3;
        this.tmp = Files.createTempDirectory("s3-run-test");
    }

    @BeforeAll
    void publishOnce() {
        SharedSpark.session();
        upload(bucket);
        firstRunExit = run(bucket, SECRET, s3.endpoint());
    }

    private void upload(String toBucket) {
        s3.createBucket(toBucket);
        s3.put(toBucket, "raw/exposures/" + DAY + ".jsonl", String.join("\n", DailyRunTest.TINY) + "\n"
                + exposure("acme", "home", "s9", "X") + "\n");
        s3.put(toBucket, "raw/outcomes/" + DAY + ".jsonl",
                "{\"v\":1,\"ts\":\"2026-01-01T08:01:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"item_id\":\"A\",\"event_type\":\"click\"}\n");
    }

    @Test
    void theServiceReadsAValidManifestWhoseUrisAllResolveToValidArtifacts() throws IOException {
        assertEquals(0, firstRunExit);
        byte[] manifestBytes = s3.get(bucket, "registry/current/demo/home/manifest.json").orElseThrow();
        assertEquals(List.of(), ServiceReaderChecks.manifestProblems(manifestBytes, "demo", "home"));
        JsonNode manifest = JSON.readTree(manifestBytes);
        assertEquals(List.of("v", "tenant", "surface", "current", "updated_at"), fieldNames(manifest));
        assertTrue(manifest.get("current").has("popularity"), manifest.toString());
        for (Map.Entry<String, JsonNode> kind : iterable(manifest.get("current").fields())) {
            String uri = kind.getValue().asText();
            String prefix = "s3://" + bucket + "/demo/home/" + kind.getKey() + "/";
            assertTrue(uri.startsWith(prefix) && uri.endsWith(".json"), uri);
            byte[] blob = s3.get(bucket, uri.substring(("s3://" + bucket + "/").length())).orElseThrow();
            assertEquals(List.of(), ServiceReaderChecks.artifactProblems(blob, kind.getKey(), "demo", "home", 10_000_000));
            String version = uri.substring(prefix.length(), uri.length() - ".json".length());
            assertEquals(version, ArtifactEncoder.recomputeVersion(blob));
        }
        assertTrue(s3.get(bucket, "registry/current/acme/home/manifest.json").isPresent());
        assertFalse(s3.keys(bucket, "registry/history/demo/home/").isEmpty());
    }

    @Test
    void tablesAreDeltaTablesAndTheRejectsAreCommittedByTheMagicCommitter() throws IOException {
        assertEquals(0, firstRunExit);
        for (String table : List.of("canonical/exposures", "canonical/outcomes", "aggregates/daily",
                "canonical/canonicalized_days")) {
            assertTrue(s3.keys(bucket, table + "/_delta_log/").stream().anyMatch(k -> k.endsWith(".json")), table);
        }
        assertTrue(s3.keys(bucket, "canonical/exposures/").stream().noneMatch(k -> k.contains("__magic")));
        assertEquals(List.of(), s3.keys(bucket, "canonical/_staging/").stream().filter(k -> !k.endsWith("/")).toList(),
                "the run's staging folder is gone (S3A may leave an empty directory marker)");
    }

    @Test
    void secretsAppearInNoReportOrHistoryEntry() {
        assertEquals(0, firstRunExit);
        List<String> keys = new ArrayList<>(s3.keys(bucket, "reports/"));
        keys.addAll(s3.keys(bucket, "registry/history/"));
        assertFalse(s3.keys(bucket, "reports/").isEmpty());
        for (String key : keys) {
            String content = new String(s3.get(bucket, key).orElseThrow(), StandardCharsets.UTF_8);
            assertFalse(content.contains(SECRET), key + " holds the secret key: " + content);
        }
    }

    @Test
    void aReRunKeepsAPairItsInputNoLongerHoldsAndReplaceWholeDaysDropsIt() {
        s3.put(bucket, "raw/exposures/" + DAY + ".jsonl", String.join("\n", DailyRunTest.TINY) + "\n");
        var spark = SharedSpark.session();

        assertEquals(0, run(bucket, SECRET, s3.endpoint()));
        assertEquals(1, spark.read().format("delta").load("s3a://" + bucket + "/canonical/exposures")
                .filter("tenant = 'acme'").count(), "acme is not in this input: its day is kept");

        assertEquals(0, run(List.of("--replace-whole-days"), bucket, SECRET, s3.endpoint()));
        assertEquals(0, spark.read().format("delta").load("s3a://" + bucket + "/canonical/exposures")
                .filter("tenant = 'acme'").count());
        assertEquals(0, spark.read().format("delta").load("s3a://" + bucket + "/aggregates/daily")
                .filter("tenant = 'acme'").count());
        long rows = spark.read().format("delta").load("s3a://" + bucket + "/canonical/exposures").count();
        assertEquals(DailyRunTest.TINY.length, rows);
    }

    @Test
    void wrongCredentialsExit7NamingEndpointAndBucketAndPublishNothing() {
        List<String> before = s3.keys(bucket, "registry/");
        byte[] pointer = s3.get(bucket, "registry/current/demo/home/manifest.json").orElseThrow();

        String err = Captured.err(() -> assertEquals(7, run(bucket, "wrong-secret", s3.endpoint())));

        assertTrue(err.contains(s3.url()) && err.contains("bucket " + bucket), err);
        assertFalse(err.contains("wrong-secret"), err);
        assertEquals(before, s3.keys(bucket, "registry/"));
        assertEquals(new String(pointer, StandardCharsets.UTF_8), new String(
                s3.get(bucket, "registry/current/demo/home/manifest.json").orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void aRunThatCannotReadTheRegistryStillLeavesItsExitCodeAndTheLastSuccessInTheMetricsFile() throws IOException {
        Path metrics = tmp.resolve("metrics-" + UUID.randomUUID() + ".prom");
        String lastSuccess = "recsys_pipelines_last_success_timestamp_seconds{surface=\"home\",tenant=\"demo\"} 1767225600";
        Files.writeString(metrics, "# TYPE recsys_pipelines_last_success_timestamp_seconds gauge\n" + lastSuccess
                + "\nrecsys_pipelines_last_run_exit_code 0\n");

        Captured.err(() -> assertEquals(7, run(bucket, "wrong-secret", s3.endpoint(),
                "metrics.textfile=" + metrics)));

        String after = Files.readString(metrics);
        assertTrue(after.contains("recsys_pipelines_last_run_exit_code 7"), after);
        assertTrue(after.contains("recsys_pipelines_registry_readable 0"), after);
        assertTrue(after.contains(lastSuccess), "the staleness alert keeps its series: " + after);
    }

    @Test
    void anUnreachableEndpointExits7NamingEndpointAndBucket() throws IOException {
        String closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = "127.0.0.1:" + socket.getLocalPort();
        }
        List<String> before = s3.keys(bucket, "registry/");

        String err = Captured.err(() -> assertEquals(7, run(bucket, SECRET, closed)));

        assertTrue(err.contains("http://" + closed) && err.contains("bucket " + bucket), err);
        assertEquals(before, s3.keys(bucket, "registry/"));
    }

    @Test
    void theClassicCommitterOnS3StopsTheRunBeforePublishing() {
        String other = "classic-" + UUID.randomUUID().toString().substring(0, 8);
        upload(other);
        String factory = "mapreduce.outputcommitter.factory.scheme.s3a";
        org.apache.hadoop.conf.Configuration shared = SharedSpark.session().sparkContext().hadoopConfiguration();
        String s3aFactory = shared.get(factory);
        try {
            String err = Captured.err(() -> assertEquals(1, run(other, SECRET, s3.endpoint(),
                    "spark.hadoop." + factory + "=org.apache.hadoop.mapreduce.lib.output.FileOutputCommitterFactory")));

            assertTrue(err.contains("the classic rename committer wrote s3a://" + other + "/canonical"), err);
            assertTrue(err.contains("spark.hadoop.fs.s3a.committer.name=magic"), err);
            assertEquals(List.of(), s3.keys(other, "registry/current/"));
        } finally {
            // The shared session keeps what a run set; later tests need S3A's committer factory back.
            shared.set(factory, s3aFactory);
        }
    }

    private int run(String toBucket, String secretKey, String endpoint, String... extraOverrides) {
        return run(List.of(), toBucket, secretKey, endpoint, extraOverrides);
    }

    private int run(List<String> flags, String toBucket, String secretKey, String endpoint, String... extraOverrides) {
        List<String> args = new ArrayList<>(List.of("run", "--date", DAY));
        args.addAll(flags);
        List<String> overrides = new ArrayList<>(s3.overrides(S3Server.ACCESS_KEY, secretKey));
        overrides.set(0, "s3.endpoint=" + endpoint);
        String root = "s3a://" + toBucket;
        overrides.addAll(List.of("input.exposures=" + root + "/raw/exposures/{date}.jsonl",
                "input.outcomes=" + root + "/raw/outcomes/{date}.jsonl",
                "storage.canonical=" + root + "/canonical", "storage.aggregates=" + root + "/aggregates",
                "storage.objectstore=" + root + "/", "storage.registry=" + root + "/registry",
                "storage.reports=" + root + "/reports", "spark.hadoop.hadoop.tmp.dir=" + tmp));
        overrides.addAll(List.of(extraOverrides));
        args.addAll(S3Server.setArgs(overrides));
        return Main.execute(args.toArray(String[]::new));
    }

    private static String exposure(String tenant, String surface, String session, String item) {
        return "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"" + tenant + "\",\"surface\":\"" + surface
                + "\",\"session_id\":\"" + session + "\",\"item_id\":\"" + item + "\"}";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }
}
