package io.recsys.pipelines.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The targets' met / NOT MET / n/a logic and the chart, on hand-made measurements. */
class BenchReportTest {
    private static ObjectNode size(long lines, double canonicalize, double dailyRun, double spark, double duckdb) {
        ObjectNode size = Json.MAPPER.createObjectNode();
        ObjectNode steps = size.putObject("steps");
        Map<String, Double> seconds = Map.of("canonicalize", canonicalize, "daily_run", dailyRun,
                "popularity_spark", spark, "popularity_duckdb", duckdb);
        seconds.forEach((id, s) -> steps.putObject(id).put("events", lines).put("seconds", s)
                .put("seconds_per_million", s / (lines / 1e6)).put("events_per_second", (long) (lines / s)));
        return size;
    }

    private static ObjectNode run(String label, long lines, double seconds, int flagged) throws Exception {
        ObjectNode run = Json.MAPPER.createObjectNode();
        run.put("label", label).put("kinds", "popularity,cooc").put("events", lines).put("seconds", seconds)
                .put("finished", true).put("master", label).put("executors", 0);
        List<TaskSkew.Stage> stages = new java.util.ArrayList<>();
        for (int i = 0; i < flagged; i++) {
            stages.add(new TaskSkew.Stage(i, 0, "save at <Canonicalizer> & co", "", 0, 18.3, 18.3, 2, 20, 18.3));
        }
        stages.add(new TaskSkew.Stage(9, 0, "count", "CoocBuilder.build(CoocBuilder.java:107)", 0, 3, 3, 2, 6, 3));
        run.set("task_skew", Json.MAPPER.valueToTree(TaskSkew.summary(stages)));
        return run;
    }

    private static Map<String, Map<String, Object>> byId(BenchReport report) {
        return Targets.evaluate(report).stream().collect(Collectors.toMap(t -> (String) t.get("id"), Function.identity()));
    }

    @Test
    void everyTargetIsEvaluatedFromTheMeasurements() throws Exception {
        List<JsonNode> sizes = List.of(size(1_000_000, 12, 25, 4.9, 1.9), size(10_000_000, 18, 38, 25.6, 19.1));
        List<JsonNode> scaling = List.of(run(BenchReport.LOCAL_1, 4_000_000, 100, 0), run(BenchReport.LOCAL_2, 4_000_000, 50, 0),
                run(BenchReport.CLUSTER_1, 4_000_000, 110, 0), run(BenchReport.CLUSTER_2, 4_000_000, 60, 0));
        ObjectNode pairs = Json.MAPPER.createObjectNode().put("label", "2000 pairs").put("finished", true)
                .put("kinds", "popularity,cooc,implicit").put("published_pairs", 2000).put("events", 2_000_000);
        pairs.putObject("heap").put("max_mib", 1024);
        pairs.putObject("dataset").putObject("generator").put("tenants", 500).put("surfaces", 4);

        Map<String, Map<String, Object>> t = byId(new BenchReport(sizes, scaling, pairs));

        assertEquals("met", t.get("single_pair_speedup").get("status"), t.get("single_pair_speedup").toString());
        assertEquals("met", t.get("single_pair_task_skew").get("status"));
        assertEquals("met", t.get("canonicalize_vs_duckdb").get("status"));     // 18 / 19.1
        assertEquals("met", t.get("daily_run_vs_duckdb").get("status"));        // 38 / 19.1 = 1.99
        assertEquals("met", t.get("popularity_vs_duckdb").get("status"));
        assertEquals("met", t.get("seconds_per_million_growth_canonicalize").get("status"));
        assertEquals("met", t.get("many_pairs_1g_heap").get("status"));
        assertEquals("NOT MET", t.get("issue8_canonicalize_throughput").get("status"));
    }

    @Test
    void missesAreNotMetAndPartsNotRunAreNotApplicable() throws Exception {
        // canonicalize: 12 s/M at 1M, 13 s/M at 10M (grows); the daily run: 25 then 13 s/M (does not).
        List<JsonNode> sizes = List.of(size(1_000_000, 12, 25, 4.9, 1.9), size(10_000_000, 130, 130, 25.6, 19.1));
        List<JsonNode> scaling = List.of(run(BenchReport.LOCAL_1, 20_000, 100, 0), run(BenchReport.LOCAL_2, 20_000, 80, 1));

        Map<String, Map<String, Object>> t = byId(new BenchReport(sizes, scaling, null));

        assertEquals("NOT MET", t.get("single_pair_speedup").get("status"));       // 1.25x
        assertTrue(((String) t.get("single_pair_speedup").get("measured")).contains("measured at 20,000 lines"));
        assertEquals("NOT MET", t.get("single_pair_task_skew").get("status"));
        assertEquals("NOT MET", t.get("canonicalize_vs_duckdb").get("status"));
        assertEquals("NOT MET", t.get("daily_run_vs_duckdb").get("status"));
        assertEquals("NOT MET", t.get("seconds_per_million_growth_canonicalize").get("status"));
        assertEquals("met", t.get("seconds_per_million_growth_daily_run").get("status"));
        assertEquals("n/a", t.get("many_pairs_1g_heap").get("status"));

        Map<String, Map<String, Object>> none = byId(new BenchReport(List.of(), List.of(), null));
        none.values().forEach(target -> assertEquals("n/a", target.get("status"), target.toString()));
    }

    @Test
    void aJvmThatDiedIsNotMet() throws Exception {
        ObjectNode died = Json.MAPPER.createObjectNode().put("label", "2000 pairs").put("jvm_failed", true)
                .put("exit_code", 52).put("log", "pairs.log");
        Map<String, Object> target = byId(new BenchReport(List.of(), List.of(), died)).get("many_pairs_1g_heap");
        assertEquals("NOT MET", target.get("status"));
        assertTrue(((String) target.get("measured")).contains("exited with 52"));
    }

    @Test
    void theChartIsWellFormedSvgWithEveryRunAndEscapedStageNames() throws Exception {
        List<JsonNode> scaling = List.of(run(BenchReport.LOCAL_1, 4_000_000, 100, 0), run(BenchReport.LOCAL_2, 4_000_000, 50, 1),
                run(BenchReport.CLUSTER_1, 4_000_000, 110, 0), run(BenchReport.CLUSTER_2, 4_000_000, 60, 0));
        String svg = Chart.svg(new BenchReport(List.of(), scaling, null));

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        for (String label : List.of("local[1]", "local[2]", "cluster, 1 executor", "cluster, 2 executors", "2.00x")) {
            assertTrue(svg.contains(">" + label + "<"), label);
        }
        assertTrue(svg.contains("save at &lt;Canonicalizer&gt; &amp; co"), "stage names are escaped");
    }
}
