package io.recsys.pipelines.jobs.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.pipelines.jobs.cli.Main;
import io.recsys.pipelines.jobs.generate.EventGenerator;
import io.recsys.pipelines.jobs.generate.GeneratorOptions;
import io.recsys.pipelines.jobs.testing.S3Server;
import io.recsys.pipelines.jobs.testing.Workspace;
import io.recsys.pipelines.registry.BlobUris;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The proof that the jobs run on a real cluster: a Spark standalone master and two one-core
 * workers as child JVMs, the shaded jar submitted in client mode with two executors (each its own
 * JVM), and the published versions equal to those of a {@code local[*]} run on the same data, on
 * local folders and on the S3 test server. Versions are content hashes, so "equal" means every
 * artifact of every pair came out byte for byte the same. Runs after `package` (failsafe).
 */
class StandaloneClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY = LocalDate.of(2026, 1, 1);
    private static final String KINDS = "popularity,cooc,implicit,session_seq";
    /**
     * Generous: about a minute per run on a quiet 2-core machine, several times that when other
     * builds share it (measured: 4 minutes at a load average of 30).
     */
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(8);
    /**
     * The same Spark settings for both runs: only the master differs. Few Delta state partitions (local
     * runs get one per core by default; a cluster Delta's 50): the tables here hold a few files, and 50
     * tasks per table read, each a round trip to an executor, were most of a cluster run's tasks.
     */
    private static final List<String> SPARK_SETTINGS = List.of("--conf", "spark.sql.shuffle.partitions=4",
            "--conf", "spark.databricks.delta.snapshotPartitions=2");

    @TempDir
    static Path shared;
    private static SparkSubmitter submitter;
    private static StandaloneCluster cluster;
    private static Path data;
    /** (tenant/surface/kind) -> version of the local[*] run, computed once for both tests. */
    private static Map<String, String> reference;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startCluster() throws Exception {
        submitter = SparkSubmitter.locate();
        // Small, but two pairs, outcomes, users and a few bad lines: every kind has work to split.
        data = shared.resolve("data");
        EventGenerator.generate(new GeneratorOptions(data, 10_000, 1, DAY, 1, 2, 300, 1_000, 7, 0.001));
        cluster = StandaloneCluster.shared();
    }

    @Test
    void theClusterPublishesTheVersionsOfALocalRunOnLocalFolders() throws Exception {
        Workspace ws = new Workspace(tmp.resolve("cluster-run"));
        Path events = Files.createDirectories(tmp.resolve("events"));

        SparkSubmitter.Submitted result = submitter.submit(tmp, clusterOptions(events),
                runArgs(ws.storageArgs(), localInput()), SUBMIT_TIMEOUT);

        assertEquals(0, result.exitCode(), result.output());
        assertEquals(localReference(), publishedVersions(ws.registry().resolve("current")));
        assertTwoExecutorJvmsDidTheWork(events);
    }

    @Test
    @ExtendWith(S3Server.Extension.class)
    void theClusterPublishesTheVersionsOfALocalRunOnTheS3Server(S3Server s3) throws Exception {
        String bucket = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(bucket);
        for (String stream : List.of("exposures", "outcomes")) {
            Path file = data.resolve(stream).resolve(DAY + ".jsonl");
            s3.put(bucket, "raw/" + stream + "/" + DAY + ".jsonl", Files.readString(file, StandardCharsets.UTF_8));
        }
        String root = "s3a://" + bucket;
        List<String> overrides = new ArrayList<>(s3.overrides(S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
        overrides.addAll(List.of("storage.canonical=" + root + "/canonical", "storage.aggregates=" + root + "/aggregates",
                "storage.objectstore=" + root + "/", "storage.registry=" + root + "/registry",
                "storage.reports=" + root + "/reports", "metrics.textfile=" + tmp.resolve("metrics.prom")));
        List<String> input = List.of("--set", "input.exposures=" + root + "/raw/exposures/{date}.jsonl",
                "--set", "input.outcomes=" + root + "/raw/outcomes/{date}.jsonl");
        Path events = Files.createDirectories(tmp.resolve("events"));

        SparkSubmitter.Submitted result = submitter.submit(tmp, clusterOptions(events),
                runArgs(S3Server.setArgs(overrides), input), SUBMIT_TIMEOUT);

        assertEquals(0, result.exitCode(), result.output());
        Map<String, String> published = new TreeMap<>();
        for (String key : s3.keys(bucket, "registry/current/")) {
            published.putAll(versions(JSON.readTree(s3.get(bucket, key).orElseThrow())));
        }
        assertEquals(localReference(), published);
        assertTwoExecutorJvmsDidTheWork(events);
    }

    /**
     * The same run with {@code local[*]} (driver and tasks in one JVM), in this JVM: the same code and
     * data, without paying a launcher JVM for it.
     */
    private static synchronized Map<String, String> localReference() throws Exception {
        if (reference == null) {
            Path dir = Files.createDirectories(shared.resolve("local-run"));
            Workspace ws = new Workspace(dir);
            List<String> args = new ArrayList<>(runArgs(ws.storageArgs(), localInput()));
            args.addAll(List.of("--set", "spark.master=local[*]", "--set", "spark.ui.enabled=false"));
            for (int i = 0; i + 1 < SPARK_SETTINGS.size(); i += 2) {
                args.addAll(List.of("--set", SPARK_SETTINGS.get(i + 1)));
            }
            assertEquals(0, Main.execute(args.toArray(String[]::new)));
            Map<String, String> versions = publishedVersions(ws.registry().resolve("current"));
            // 1 tenant x 2 surfaces x 4 kinds: a run that published nothing would compare equal to nothing.
            assertEquals(8, versions.size(), versions.toString());
            reference = versions;
        }
        return reference;
    }

    private static List<String> clusterOptions(Path eventLog) {
        List<String> options = new ArrayList<>(List.of("--master", cluster.masterUrl(), "--deploy-mode", "client",
                "--total-executor-cores", "2", "--executor-cores", "1", "--executor-memory", "512m",
                "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + eventLog.toUri(),
                "--conf", "spark.eventLog.compress=false"));
        options.addAll(SPARK_SETTINGS);
        return options;
    }

    private static List<String> localInput() {
        return List.of("--set", "input.exposures=" + data.resolve("exposures") + "/{date}.jsonl",
                "--set", "input.outcomes=" + data.resolve("outcomes") + "/{date}.jsonl");
    }

    private static List<String> runArgs(List<String> storage, List<String> input) {
        List<String> args = new ArrayList<>(List.of("run", "--date", DAY.toString(), "--kinds", KINDS));
        args.addAll(storage);
        args.addAll(input);
        return args;
    }

    private static Map<String, String> publishedVersions(Path current) throws IOException {
        Map<String, String> versions = new TreeMap<>();
        try (Stream<Path> files = Files.walk(current)) {
            for (Path manifest : files.filter(p -> p.getFileName().toString().equals("manifest.json")).toList()) {
                versions.putAll(versions(JSON.readTree(manifest.toFile())));
            }
        }
        return versions;
    }

    /** tenant/surface/kind -> version, from one pair's current manifest. */
    private static Map<String, String> versions(JsonNode manifest) {
        Map<String, String> versions = new TreeMap<>();
        String pair = manifest.path("tenant").asText() + "/" + manifest.path("surface").asText() + "/";
        manifest.path("current").fields().forEachRemaining(e ->
                versions.put(pair + e.getKey(), BlobUris.versionOf(e.getValue().asText())));
        return versions;
    }

    /**
     * From the driver's event log: two executors registered, and tasks ran on both of them (not on
     * the driver), so the work really crossed JVM boundaries.
     */
    private static void assertTwoExecutorJvmsDidTheWork(Path eventLogDir) throws IOException {
        Set<String> registered = new TreeSet<>();
        Set<String> ranTasks = new TreeSet<>();
        for (String line : eventLogLines(eventLogDir)) {
            JsonNode event = JSON.readTree(line);
            switch (event.path("Event").asText()) {
                case "SparkListenerExecutorAdded" -> registered.add(event.path("Executor ID").asText());
                case "SparkListenerTaskEnd" -> ranTasks.add(event.path("Task Info").path("Executor ID").asText());
                default -> {
                }
            }
        }
        assertEquals(2, registered.size(), "executors registered: " + registered);
        assertEquals(registered, ranTasks, "executors that ran tasks");
        assertFalse(ranTasks.contains("driver"));
    }

    /** Spark 4 writes a rolling event log: a folder per application with numbered files. */
    private static List<String> eventLogLines(Path eventLogDir) throws IOException {
        try (Stream<Path> files = Files.walk(eventLogDir)) {
            List<Path> logs = files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith("events_")
                            || p.getFileName().toString().startsWith("app-"))
                    .sorted().toList();
            assertFalse(logs.isEmpty(), "no event log under " + eventLogDir);
            List<String> lines = new ArrayList<>();
            for (Path log : logs) {
                try {
                    lines.addAll(Files.readAllLines(log, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return lines;
        }
    }
}
