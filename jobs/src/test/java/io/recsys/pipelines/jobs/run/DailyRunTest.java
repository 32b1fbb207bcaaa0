package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.jobs.testing.Captured;
import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.pipelines.common.artifact.ArtifactEncoder;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The `run` command end to end on local folders: what the service will read after a daily run. */
@ExtendWith(SharedSpark.class)
class DailyRunTest {
    static final String[] TINY = {
            "{\"v\": 1, \"ts\": \"2026-01-01T08:00:00Z\", \"tenant\": \"demo\", \"surface\": \"home\", \"session_id\": \"s1\", \"item_id\": \"A\", \"rank\": 1}",
            "{\"v\": 1, \"ts\": \"2026-01-01T08:00:01Z\", \"tenant\": \"demo\", \"surface\": \"home\", \"session_id\": \"s1\", \"item_id\": \"B\", \"rank\": 2}",
            "{\"v\": 1, \"ts\": \"2026-01-01T09:00:00Z\", \"tenant\": \"demo\", \"surface\": \"home\", \"session_id\": \"s2\", \"item_id\": \"A\", \"rank\": 1}",
            "{\"v\": 1, \"ts\": \"2026-01-01T09:00:01Z\", \"tenant\": \"demo\", \"surface\": \"home\", \"session_id\": \"s2\", \"item_id\": \"C\", \"rank\": 2}",
            "{\"v\": 1, \"ts\": \"2026-01-01T10:00:00Z\", \"tenant\": \"demo\", \"surface\": \"home\", \"session_id\": \"s3\", \"item_id\": \"D\", \"rank\": 1}"};
    static final String TINY_VERSION = "e5ececb49088419119922a73c15d13ef6ff0e949e62569527515ac81b117978f";

    @TempDir
    Path tmp;
    Workspace ws;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
    }

    @Test
    void tinySamplePublishesTheGoToolsPopularityVersion() throws Exception {
        Path input = ws.input("tiny.jsonl", TINY);

        assertEquals(0, ws.run("2026-01-01", input, null));

        JsonNode manifest = ws.pointer("demo", "home");
        assertEquals(List.of("v", "tenant", "surface", "current", "updated_at"), fieldNames(manifest));
        assertEquals(1, manifest.get("v").asInt());
        String uri = manifest.get("current").get("popularity").asText();
        assertTrue(uri.startsWith("file:///"), uri);
        assertTrue(uri.endsWith("/demo/home/popularity/" + TINY_VERSION + ".json"), uri);
        byte[] blob = Files.readAllBytes(Path.of(uri.substring("file://".length())));
        assertEquals(TINY_VERSION, ArtifactEncoder.recomputeVersion(blob));
        JsonNode artifact = Workspace.readJson(Path.of(uri.substring("file://".length())));
        assertEquals(TINY_VERSION, artifact.get("build").get("version").asText());
        assertEquals("[{\"item_id\":\"A\",\"count\":2},{\"item_id\":\"B\",\"count\":1},{\"item_id\":\"C\",\"count\":1},"
                + "{\"item_id\":\"D\",\"count\":1}]", artifact.get("items").toString());
        assertEquals("2026-01-01T00:00:00Z", artifact.get("window").get("start").asText());
        assertEquals("2026-01-02T00:00:00Z", artifact.get("window").get("end").asText());
    }

    @Test
    void secondIdenticalRunAddsNoHistoryEntryAndRewritesNoBlob() throws Exception {
        Path input = ws.input("tiny.jsonl", TINY);
        assertEquals(0, ws.run("2026-01-01", input, null));
        Path blob = ws.objectstore().resolve("demo/home/popularity/" + TINY_VERSION + ".json");
        Path pointer = ws.registry().resolve("current/demo/home/manifest.json");
        byte[] pointerBefore = Files.readAllBytes(pointer);
        List<String> canonicalBefore = canonicalRows();
        // Any rewrite would stamp these files with the second run's time, which can never be this one.
        FileTime marked = FileTime.from(Instant.parse("2000-01-01T00:00:00Z"));
        Files.setLastModifiedTime(blob, marked);
        Files.setLastModifiedTime(pointer, marked);

        assertEquals(0, ws.run("2026-01-01", input, null));

        assertEquals(1, ws.historyEntries("demo", "home").size());
        assertEquals(marked, Files.getLastModifiedTime(blob), "the blob was not rewritten");
        assertEquals(marked, Files.getLastModifiedTime(pointer), "the pointer was not rewritten");
        assertEquals(new String(pointerBefore), Files.readString(pointer));
        assertEquals("unchanged", ws.lastReport().get("published").get(0).get("status").asText());
        assertEquals(canonicalBefore, canonicalRows(), "re-run replaces the partition, it does not add rows");
    }

    @Test
    void newDataOnTheSameDayPublishesANewHistoryEntryAndSwapsThePointer() {
        Path input = ws.input("day.jsonl", TINY);
        assertEquals(0, ws.run("2026-01-01", input, null));
        List<String> more = new ArrayList<>(List.of(TINY));
        more.add("{\"v\":1,\"ts\":\"2026-01-01T11:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s4\",\"item_id\":\"D\"}");
        ws.input("day.jsonl", more.toArray(String[]::new));

        assertEquals(0, ws.run("2026-01-01", input, null));

        assertEquals(2, ws.historyEntries("demo", "home").size());
        JsonNode entry = Workspace.readJson(ws.historyEntries("demo", "home").get(1));
        assertEquals(2, entry.get("seq").asInt());
        assertEquals(1, entry.get("previous_seq").asInt());
        assertEquals(entry.get("manifest"), ws.pointer("demo", "home"));
    }

    @Test
    void everyPairInTheDataGetsItsOwnManifestAndNoEventsCrossTenants() {
        Path input = ws.input("pairs.jsonl",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"acme\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"X\"}",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"acme\",\"surface\":\"pdp\",\"session_id\":\"s1\",\"item_id\":\"Y\"}");

        assertEquals(0, ws.run("2026-01-01", input, null));

        assertItems("demo", "home", "[{\"item_id\":\"A\",\"count\":1}]");
        assertItems("acme", "home", "[{\"item_id\":\"X\",\"count\":1}]");
        assertItems("acme", "pdp", "[{\"item_id\":\"Y\",\"count\":1}]");
        List<Path> demoFiles = Workspace.list(ws.canonical().resolve("exposures/tenant=demo/surface=home/dt=2026-01-01"));
        assertTrue(demoFiles.stream().anyMatch(p -> p.toString().endsWith(".parquet")));
        long acmeRowsInDemo = delta(ws.canonical().resolve("exposures"))
                .filter("tenant = 'demo' and item_id in ('X', 'Y')").count();
        assertEquals(0, acmeRowsInDemo);
    }

    @Test
    void namedTenantAndSurfacePublishOnlyThatPair() {
        Path input = ws.input("pairs.jsonl",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"acme\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"X\"}");

        assertEquals(0, ws.run("2026-01-01", input, null, "--tenant", "acme", "--surface", "home"));

        assertTrue(ws.hasPointer("acme", "home"));
        assertTrue(!ws.hasPointer("demo", "home"));
        assertEquals(1, ws.lastReport().get("events").get("exposures").get("other_pair_skipped").asInt());
    }

    @Test
    void withReplaceWholeDaysADayThatLosesItsEventsLosesItsPartition() {
        Path input = ws.input("day.jsonl",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"acme\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"X\"}");
        assertEquals(0, ws.run("2026-01-01", input, null));
        assertTrue(Files.isDirectory(ws.canonical().resolve("exposures/tenant=acme/surface=home/dt=2026-01-01")));

        ws.input("day.jsonl",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}");
        assertEquals(0, ws.run("2026-01-01", input, null, "--replace-whole-days"));

        assertEquals(0, delta(ws.canonical().resolve("exposures")).filter("tenant = 'acme'").count());
        assertEquals(0, delta(ws.aggregates().resolve("daily")).filter("tenant = 'acme'").count());
        assertEquals(1, delta(ws.canonical().resolve("exposures")).filter("tenant = 'demo'").count());
    }

    @Test
    void reRunOfADayGivesIdenticalCanonicalData() {
        Path input = ws.input("day.jsonl", TINY);
        assertEquals(0, ws.run("2026-01-01", input, null));
        List<String> first = canonicalRows();

        assertEquals(0, ws.run("2026-01-01", input, null));

        assertEquals(first, canonicalRows());
        assertEquals(5, first.size());
    }

    @Test
    void exactDuplicatesAreCountedOnce() {
        String line = "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}";
        String sameAfterTrim = "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\" demo \",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\",\"extra\":1}";
        Path input = ws.input("dupes.jsonl", line, line, sameAfterTrim,
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:01Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}");

        assertEquals(0, ws.run("2026-01-01", input, null));

        JsonNode exposures = ws.lastReport().get("events").get("exposures");
        assertEquals(4, exposures.get("lines_read").asInt());
        assertEquals(2, exposures.get("duplicates_dropped").asInt());
        assertEquals(2, exposures.get("written").asInt());
        assertItems("demo", "home", "[{\"item_id\":\"A\",\"count\":2}]");
    }

    @Test
    void dedupeCanBeTurnedOff() {
        String line = "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}";
        Path input = ws.input("dupes.jsonl", line, line);

        assertEquals(0, ws.run("2026-01-01", input, null, "--set", "canonicalize.dedupe=false"));

        assertItems("demo", "home", "[{\"item_id\":\"A\",\"count\":2}]");
    }

    @Test
    void offsetTimestampBeforeLocalMidnightLandsOnItsUtcDay() {
        Path day1 = ws.input("2026-01-01.jsonl",
                "{\"v\":1,\"ts\":\"2026-01-01T12:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}");
        // Local 01:30 on Jan 2 at +02:00 is 23:30 UTC on Jan 1, although it sits in Jan 2's file.
        ws.input("2026-01-02.jsonl",
                "{\"v\":1,\"ts\":\"2026-01-02T01:30:00+02:00\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s2\",\"item_id\":\"B\"}",
                "{\"v\":1,\"ts\":\"2026-01-02T12:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s3\",\"item_id\":\"C\"}");
        Path pattern = day1.getParent().resolve("{date}.jsonl");

        assertEquals(0, ws.run("2026-01-01", pattern, null));

        assertItems("demo", "home", "[{\"item_id\":\"A\",\"count\":1},{\"item_id\":\"B\",\"count\":1}]");
        assertEquals(1, ws.lastReport().get("events").get("exposures").get("out_of_window_skipped").asInt());
        long onJan1 = delta(ws.canonical().resolve("exposures"))
                .filter("dt = DATE'2026-01-01' and item_id = 'B'").count();
        assertEquals(1, onJan1);
    }

    @Test
    void outcomesFeedTheDailyAggregatesAndWeightedPopularity() {
        Path exposures = ws.input("exp.jsonl",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"A\"}",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s1\",\"item_id\":\"B\"}",
                "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s2\",\"item_id\":\"A\"}");
        Path outcomes = ws.input("out.jsonl",
                "{\"v\":1,\"ts\":\"2026-01-01T08:01:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"item_id\":\"B\",\"event_type\":\"click\"}",
                "{\"v\":1,\"ts\":\"2026-01-01T08:02:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"item_id\":\"B\",\"event_type\":\"conversion\",\"value\":12.5}");

        assertEquals(0, ws.run("2026-01-01", exposures, outcomes, "--set", "popularity.weights.click=2",
                "--set", "popularity.weights.conversion=5"));

        // A = 2 exposures; B = 1 exposure + 2 * 1 click + 5 * 1 conversion = 8.
        assertItems("demo", "home", "[{\"item_id\":\"B\",\"count\":8},{\"item_id\":\"A\",\"count\":2}]");
        List<String> aggregates = delta(ws.aggregates().resolve("daily"))
                .orderBy("item_id").selectExpr("concat_ws(',', item_id, exposures, clicks, conversions, conversion_value)")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(List.of("A,2,0,0,0.0", "B,1,1,1,12.5"), aggregates);
    }

    @Test
    void dryRunPrintsWhatWouldChangeAndWritesNothing() throws Exception {
        Path input = ws.input("day.jsonl", TINY);
        assertEquals(0, ws.run("2026-01-01", input, null));
        byte[] pointer = Files.readAllBytes(ws.registry().resolve("current/demo/home/manifest.json"));
        List<Path> canonicalFiles = Workspace.list(ws.canonical().resolve("exposures/tenant=demo/surface=home/dt=2026-01-01"));
        List<String> more = new ArrayList<>(List.of(TINY));
        more.add("{\"v\":1,\"ts\":\"2026-01-01T11:00:00Z\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"s9\",\"item_id\":\"E\"}");
        ws.input("day.jsonl", more.toArray(String[]::new));

        String out = Captured.out(() -> assertEquals(0, ws.run("2026-01-01", input, null, "--dry-run")));

        assertTrue(out.contains("demo/home 2026-01-01: published\n  gates pass, live history entry 1"), out);
        assertTrue(out.contains("4 -> 5 items"), out);
        assertEquals(new String(pointer), Files.readString(ws.registry().resolve("current/demo/home/manifest.json")));
        assertEquals(1, ws.historyEntries("demo", "home").size());
        assertEquals(canonicalFiles, Workspace.list(ws.canonical().resolve("exposures/tenant=demo/surface=home/dt=2026-01-01")));
        assertEquals(1, Workspace.list(ws.objectstore().resolve("demo/home/popularity")).size(), "no new blob");
        assertEquals(1, Workspace.list(ws.objectstore().resolve("demo/home/cooc")).size(), "no new blob");
        assertTrue(Workspace.list(ws.reports()).stream().noneMatch(p -> p.getFileName().toString().startsWith("dry-run-")),
                "the scratch folder is gone");
        assertEquals(1, Workspace.list(ws.reports()).size(), "only the real run's report: a dry run writes none");
    }

    @Test
    void everyRunLeavesMetricsAndTheHistoryEntryCarriesLineage() throws Exception {
        Path input = ws.input("tiny.jsonl", TINY);
        assertEquals(0, ws.run("2026-01-01", input, null, "--set", "s3.secret_key=", "--set", "service.token=hunter2"));

        String metrics = Files.readString(tmp.resolve("metrics/recsys_pipelines.prom"));
        assertTrue(metrics.contains("recsys_pipelines_last_success_timestamp_seconds{surface=\"home\",tenant=\"demo\"}"), metrics);
        assertTrue(metrics.contains("recsys_pipelines_manifest_age_seconds{surface=\"home\",tenant=\"demo\"}"), metrics);
        assertTrue(metrics.contains("recsys_pipelines_artifact_items{kind=\"popularity\",surface=\"home\",tenant=\"demo\"} 4"), metrics);
        assertTrue(metrics.contains("recsys_pipelines_events_read{stream=\"exposures\"} 5"), metrics);
        assertTrue(metrics.contains("recsys_pipelines_last_run_exit_code 0"), metrics);
        assertTrue(metrics.contains("recsys_pipelines_stage_duration_seconds{stage=\"canonicalize\"}"), metrics);
        assertTrue(metrics.contains("recsys_pipelines_registry_readable 1"), metrics);
        assertTrue(metrics.contains("recsys_pipelines_volume_today{kind=\"\",signal=\"accepted_events\",surface=\"home\","
                + "tenant=\"demo\"} 5"), metrics);
        assertTrue(metrics.contains("recsys_pipelines_volume_today{kind=\"popularity\",signal=\"artifact_items\","
                + "surface=\"home\",tenant=\"demo\"} 4"), metrics);

        JsonNode lineage = Workspace.readJson(ws.historyEntries("demo", "home").get(0)).get("lineage");
        assertTrue(lineage.get("command").asText().startsWith("run --date 2026-01-01"), lineage.toString());
        assertTrue(lineage.get("command").asText().contains("service.token=***"), lineage.toString());
        assertTrue(!lineage.toString().contains("hunter2"), "secrets never reach the history entry");
        assertTrue(lineage.has("code_version") && lineage.has("spark_application_id"), lineage.toString());
        assertEquals(input.toUri().toString().replace("file:///", "file:/"),
                lineage.get("inputs").get("exposures").get("files").get(0).asText());
        assertEquals(Files.size(input), lineage.get("inputs").get("exposures").get("bytes").asLong());
        assertEquals("2026-01-01", lineage.get("days").asText());
        assertEquals("2026-01-01", lineage.get("volume").get("day").asText(), "the day's volume, for later runs' medians");
        assertEquals(4, lineage.get("volume").get("items:popularity").asInt());

        assertEquals(3, ws.run("2026-01-01", tmp.resolve("missing.jsonl"), null));
        String afterFailure = Files.readString(tmp.resolve("metrics/recsys_pipelines.prom"));
        assertTrue(afterFailure.contains("recsys_pipelines_last_run_exit_code 3"), afterFailure);
        assertTrue(afterFailure.contains("recsys_pipelines_last_success_timestamp_seconds{surface=\"home\",tenant=\"demo\"}"),
                "a failure never erases the last success");
    }


    private List<String> canonicalRows() {
        return delta(ws.canonical().resolve("exposures"))
                .selectExpr("concat_ws('|', tenant, surface, dt, session_id, item_id, rank, ts)")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList().stream().sorted().toList();
    }

    /** The current version of a Delta table (its folder also holds files of replaced versions until vacuumed). */
    static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> delta(Path table) {
        return SharedSpark.session().read().format("delta").load(table.toString());
    }

    private void assertItems(String tenant, String surface, String expectedItems) {
        String uri = ws.pointer(tenant, surface).get("current").get("popularity").asText();
        JsonNode artifact = Workspace.readJson(Path.of(uri.substring("file://".length())));
        assertEquals(expectedItems, artifact.get("items").toString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
