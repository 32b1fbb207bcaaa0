package io.recsys.pipelines.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.pipelines.jobs.cli.Main;
import io.recsys.pipelines.jobs.testing.S3Server;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, "done when": one day with lines for tenants {@code registry}, {@code current},
 * {@code file:}, {@code a:b}, {@code ../x}, a 300-character name and {@code __HIVE_DEFAULT_PARTITION__}
 * beside normal tenants, under the MinIO layout of conf/minio.conf (blobs at the bucket's root, the
 * registry in registry/ under it), then gc with --min-age 0s: the normal tenants' pointers, history
 * and blobs are intact and equal to a run without the hostile lines, nothing is written outside the
 * storage roots, and manifest status and verify still work.
 */
@ExtendWith({SharedSpark.class, S3Server.Extension.class})
class HostileTenantsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DAY = "2026-01-01";

    static final List<String> NORMAL = List.of(
            line("demo", "home", "s1", "A"), line("demo", "home", "s1", "B"), line("demo", "home", "s2", "A"),
            line("demo", "home", "s2", "C"), line("acme", "home", "s3", "X"), line("acme", "home", "s3", "Y"),
            line("acme", "pdp", "s4", "Z"));
    static final List<String> HOSTILE = List.of(
            line("registry", "history", "h1", "A"), line("registry", "current", "h1", "B"),
            line("current", "home", "h2", "A"), line("file:", "home", "h3", "A"), line("a:b", "home", "h4", "A"),
            line("../x", "home", "h5", "A"), line("t".repeat(300), "home", "h6", "A"),
            line("__HIVE_DEFAULT_PARTITION__", "home", "h7", "A"), line("demo", "records", "h8", "A"),
            line("demo", "..", "h9", "A"), line("demo", "home", "h10", "i".repeat(600)));

    private final S3Server s3;
    @TempDir
    Path tmp;

    HostileTenantsTest(S3Server s3) {
        this.s3 = s3;
    }

    private static String line(String tenant, String surface, String session, String item) {
        return "{\"v\":1,\"ts\":\"2026-01-01T08:00:00Z\",\"tenant\":" + quote(tenant) + ",\"surface\":" + quote(surface)
                + ",\"session_id\":\"" + session + "\",\"item_id\":\"" + item + "\"}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** conf/minio.conf's layout in {@code bucket}, pointed at the test server. */
    private List<String> minio(String bucket) {
        String root = "s3a://" + bucket;
        List<String> sets = new ArrayList<>(s3.overrides(S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
        sets.addAll(List.of("input.exposures=" + root + "/raw/exposures/{date}.jsonl", "input.outcomes=",
                "storage.canonical=" + root + "/canonical", "storage.aggregates=" + root + "/aggregates",
                "storage.objectstore=" + root + "/", "storage.registry=" + root + "/registry",
                "storage.reports=" + root + "/reports", "spark.hadoop.hadoop.tmp.dir=" + tmp.resolve("hadoop-tmp"),
                "metrics.textfile=" + tmp.resolve("metrics-" + bucket + ".prom"), "limits.max_reject_ratio=0.9", "limits.max_unattributed_ratio=0.9"));
        return sets;
    }

    private static int main(List<String> args, List<String> sets, StringBuilder printed) {
        List<String> all = new ArrayList<>(args);
        all.addAll(S3Server.setArgs(sets));
        PrintStream out = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            return Main.execute(all.toArray(String[]::new));
        } finally {
            System.setOut(out);
            printed.append(buffer.toString(StandardCharsets.UTF_8));
            out.print(buffer.toString(StandardCharsets.UTF_8));
        }
    }

    private String publishedBucket(List<String> lines) {
        String bucket = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(bucket);
        s3.put(bucket, "raw/exposures/" + DAY + ".jsonl", String.join("\n", lines) + "\n");
        assertEquals(0, main(List.of("run", "--date", DAY, "--kinds", "popularity"), minio(bucket), new StringBuilder()));
        return bucket;
    }

    @Test
    void hostileNamesUnderTheMinioLayoutTouchNoOtherTenantsData() throws Exception {
        List<String> mixed = new ArrayList<>(NORMAL);
        mixed.addAll(HOSTILE);
        String hostile = publishedBucket(mixed);
        String clean = publishedBucket(NORMAL);

        // Rejected as bad lines, counted per reason.
        JsonNode events = report(hostile).get("events").get("exposures");
        assertEquals(HOSTILE.size(), events.get("rejected").asInt(), events.toString());
        assertEquals(8, events.get("rejected_by_reason").get("bad_value:tenant").asInt(), events.toString());
        assertEquals(2, events.get("rejected_by_reason").get("bad_value:surface").asInt(), events.toString());
        assertEquals(1, events.get("rejected_by_reason").get("bad_value:item_id").asInt(), events.toString());

        // gc with --min-age 0s, then status and verify, on the bucket the hostile lines went through.
        StringBuilder printed = new StringBuilder();
        assertEquals(0, main(List.of("manifest", "gc", "--keep", "1", "--min-age", "0s"), minio(hostile), printed));
        assertEquals(0, main(List.of("manifest", "status"), minio(hostile), printed), printed.toString());
        assertTrue(printed.toString().contains("pointers checked at s3://" + hostile
                + "/registry/current/{tenant}/{surface}/manifest.json"), printed.toString());
        assertEquals(0, main(List.of("manifest", "verify"), minio(hostile), printed), printed.toString());

        // Only the storage roots and the normal pairs' blobs exist; no key holds a hostile name.
        Pattern allowed = Pattern.compile("(raw|canonical|aggregates|reports)/.*"
                + "|registry/(current|history|records|checkpoints)/(demo|acme)/.*"
                + "|(demo|acme)/(home|pdp)/popularity/[0-9a-f]{64}\\.json");
        for (String key : s3.keys(hostile, "")) {
            assertTrue(key.endsWith("/") ? isMarkerOfAllowedFolder(key) : allowed.matcher(key).matches(), "unexpected key " + key);
        }
        for (String key : s3.keys(hostile, "canonical/exposures/")) {
            assertTrue(key.matches("canonical/exposures/(_SUCCESS|_delta_log/.*|tenant=(demo|acme)/.*)?"), key);
        }

        // The normal pairs are exactly what a run without the hostile lines publishes.
        assertEquals(pairs(clean), pairs(hostile));
        for (String pair : List.of("demo/home", "acme/home", "acme/pdp")) {
            assertEquals(1, s3.keys(hostile, "registry/history/" + pair + "/").size(), pair);
            JsonNode pointer = JSON.readTree(s3.get(hostile, "registry/current/" + pair + "/manifest.json").orElseThrow());
            pointer.get("current").forEach(uri -> assertTrue(
                    s3.get(hostile, uri.asText().substring(("s3://" + hostile + "/").length())).isPresent(), uri.asText()));
        }
    }

    /** The same, with every root a local folder (blobs at the folder's root, the registry in registry/ under it). */
    @Test
    void hostileNamesOnLocalFoldersStayInsideTheRoots() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("store"));
        Path input = Files.createDirectories(tmp.resolve("input")).resolve(DAY + ".jsonl");
        List<String> mixed = new ArrayList<>(NORMAL);
        mixed.addAll(HOSTILE);
        Files.writeString(input, String.join("\n", mixed) + "\n");
        Path cwd = Path.of("").toAbsolutePath();
        List<String> cwdBefore = names(cwd);
        List<String> sets = List.of("input.exposures=" + input, "input.outcomes=",
                "storage.canonical=" + root.resolve("canonical"), "storage.aggregates=" + root.resolve("aggregates"),
                "storage.objectstore=" + root, "storage.registry=" + root.resolve("registry"),
                "storage.reports=" + root.resolve("reports"), "metrics.textfile=" + root.resolve("metrics/m.prom"),
                "limits.max_reject_ratio=0.9", "limits.max_unattributed_ratio=0.9");
        StringBuilder printed = new StringBuilder();

        assertEquals(0, main(List.of("run", "--date", DAY, "--kinds", "popularity"), sets, printed));
        assertEquals(0, main(List.of("manifest", "gc", "--keep", "1", "--min-age", "0s"), sets, printed));
        assertEquals(0, main(List.of("manifest", "status"), sets, printed), printed.toString());
        assertEquals(0, main(List.of("manifest", "verify"), sets, printed), printed.toString());

        assertEquals(List.of("acme", "aggregates", "canonical", "demo", "metrics", "registry", "reports"), names(root));
        assertEquals(List.of("current", "history", "records", "checkpoints").stream().sorted().toList(),
                names(root.resolve("registry")).stream().filter(n -> !n.equals("locks")).toList());
        assertEquals(List.of("acme", "demo"), names(root.resolve("registry/current")));
        assertEquals(List.of("tenant=acme", "tenant=demo"), names(root.resolve("canonical/exposures")).stream()
                .filter(n -> n.startsWith("tenant=")).toList());
        assertEquals(cwdBefore, names(cwd), "nothing was written next to the process");
        assertEquals(List.of("input", "store"), names(tmp).stream().filter(n -> !n.startsWith("hadoop")).toList());
    }

    /** The empty directory markers S3A leaves: only for folders of the roots and of the normal pairs. */
    private static boolean isMarkerOfAllowedFolder(String key) {
        String[] parts = key.substring(0, key.length() - 1).split("/");
        for (String hostileName : List.of("file:", "a:b", "..", "tttttttttt", "__HIVE_DEFAULT_PARTITION__")) {
            if (key.contains(hostileName)) {
                return false;
            }
        }
        if (parts[0].equals("registry")) {
            return (parts.length < 2 || List.of("current", "history", "records", "checkpoints").contains(parts[1]))
                    && (parts.length < 3 || List.of("demo", "acme").contains(parts[2]));
        }
        if (List.of("demo", "acme").contains(parts[0])) {
            return parts.length < 2 || List.of("home", "pdp").contains(parts[1]);
        }
        return List.of("raw", "canonical", "aggregates", "reports").contains(parts[0]);
    }

    private JsonNode report(String bucket) throws IOException {
        String key = s3.keys(bucket, "reports/").stream().filter(k -> k.endsWith(".json")).reduce((a, b) -> b).orElseThrow();
        return JSON.readTree(s3.get(bucket, key).orElseThrow());
    }

    /** pair -> kind -> version, as the pointers name them, and the history entry's count. */
    private Map<String, Map<String, String>> pairs(String bucket) throws IOException {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (String key : s3.keys(bucket, "registry/current/")) {
            if (!key.endsWith("manifest.json")) {
                continue;
            }
            JsonNode pointer = JSON.readTree(s3.get(bucket, key).orElseThrow());
            Map<String, String> versions = new TreeMap<>();
            pointer.get("current").fields().forEachRemaining(e -> versions.put(e.getKey(),
                    e.getValue().asText().replace("s3://" + bucket + "/", "")));
            out.put(pointer.get("tenant").asText() + "/" + pointer.get("surface").asText(), versions);
        }
        return out;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
