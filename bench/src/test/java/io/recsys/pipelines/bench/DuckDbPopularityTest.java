package io.recsys.pipelines.bench;

import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.events.CanonicalEvent;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.events.ParseResult;
import io.recsys.pipelines.common.events.RawEventParser;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.generate.EventGenerator;
import io.recsys.pipelines.jobs.generate.GeneratorOptions;
import io.recsys.pipelines.common.pair.TenantSurface;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The benchmark's DuckDB query must apply the contract's rules: its top N equals the one computed
 * here straight from {@link RawEventParser}, the rules' single definition, without Spark.
 */
class DuckDbPopularityTest {
    private static final LocalDate DAY = LocalDate.of(2026, 1, 1);
    private static final String GOOD = "\"ts\":\"2026-01-01T10:00:00Z\",\"surface\":\"home\",\"session_id\":\"s1\"";

    /** One line per rule the SQL spells out, item_id naming it; tenant "edge" keeps them all inside the top N. */
    private static final List<String> EDGE_LINES = List.of(
            "{\"v\":1," + GOOD + ",\"tenant\":\"edge\",\"item_id\":\"ok\",\"rank\":0}",
            "{\"v\":1," + GOOD + ",\"tenant\":\"edge\",\"item_id\":\"ok\",\"rank\":0}",
            "{\"v\":1," + GOOD + ",\"tenant\":\"\\u00a0edge \",\"item_id\":\"\\u3000trimmed\\t\",\"rank\":null}",
            "{\"v\":1.0," + GOOD + ",\"tenant\":\"edge\",\"item_id\":\"v_float\"}",
            "{\"v\":\"1\"," + GOOD + ",\"tenant\":\"edge\",\"item_id\":\"v_string\"}",
            "{\"v\":1," + GOOD + ",\"tenant\":5,\"item_id\":\"tenant_number\"}",
            "{\"v\":1," + GOOD + ",\"tenant\":\"..\",\"item_id\":\"tenant_dotdot\"}",
            "{\"v\":1," + GOOD + ",\"tenant\":\"a/b\",\"item_id\":\"tenant_slash\"}",
            "{\"v\":1," + GOOD + ",\"tenant\":\"edge\",\"item_id\":\"user_number\",\"user_id\":7}",
            "{\"v\":1," + GOOD + ",\"tenant\":\"edge\",\"item_id\":\"rank_negative\",\"rank\":-1}",
            "{\"v\":1," + GOOD + ",\"tenant\":\"edge\",\"item_id\":\"rank_float\",\"rank\":1.5}",
            "{\"v\":1," + GOOD + ",\"tenant\":\"edge\",\"item_id\":\"rank_huge\",\"rank\":99999999999}",
            "{\"v\":1,\"ts\":\"2026-01-01T10:00:00Z\",\"surface\":\"home\",\"session_id\":\" \",\"tenant\":\"edge\",\"item_id\":\"blank_session\"}",
            "{\"v\":1,\"ts\":\"2025-12-31T24:00:00Z\",\"surface\":\"home\",\"session_id\":\"s\",\"tenant\":\"edge\",\"item_id\":\"hour_24\"}",
            "{\"v\":1,\"ts\":\"2026-01-01T10:00:00\",\"surface\":\"home\",\"session_id\":\"s\",\"tenant\":\"edge\",\"item_id\":\"no_offset\"}",
            "{\"v\":1,\"ts\":\"2026-01-02T01:00:00+02:00\",\"surface\":\"home\",\"session_id\":\"s\",\"tenant\":\"edge\",\"item_id\":\"offset_in_day\"}",
            "{\"v\":1,\"ts\":\"2026-01-01T23:00:00-02:00\",\"surface\":\"home\",\"session_id\":\"s\",\"tenant\":\"edge\",\"item_id\":\"next_day\"}",
            "{\"v\":1," + GOOD + ",\"tenant\":\"edge\",\"item_id\":\"truncated\"",
            "[{\"v\":1," + GOOD + ",\"tenant\":\"edge\",\"item_id\":\"array\"}]",
            "");

    @Test
    void topNEqualsTheOneOfTheParserRulesOnEdgeCasesAndGeneratedEvents(@TempDir Path dir) throws Exception {
        Path edges = dir.resolve("edges.jsonl");
        Files.write(edges, EDGE_LINES, StandardCharsets.UTF_8);
        EventGenerator.generate(new GeneratorOptions(dir.resolve("generated"), 5_000, 1, DAY, 2, 2, 300, 500, 7, 0.05));
        List<Path> files = List.of(edges, EventGenerator.exposuresFile(dir.resolve("generated"), DAY));
        int maxItems = 50;

        try (DuckDbPopularity duckdb = new DuckDbPopularity()) {
            Map<TenantSurface, List<ItemCount>> actual = duckdb.topN(files.stream().map(Path::toString).toList(),
                    DateWindow.ofDay(DAY), maxItems);
            assertEquals(expected(files, maxItems), actual);
        }
    }

    private static Map<TenantSurface, List<ItemCount>> expected(List<Path> files, int maxItems) throws Exception {
        RawEventParser parser = new RawEventParser();
        long start = DateWindow.ofDay(DAY).startInstant().toEpochMilli() * 1000;
        long end = DateWindow.ofDay(DAY).endExclusiveInstant().toEpochMilli() * 1000;
        Set<CanonicalEvent> accepted = new LinkedHashSet<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                ParseResult result = parser.parse(line, EventType.EXPOSURE);
                if (result.isAccepted() && result.event().tsMicros() >= start && result.event().tsMicros() < end) {
                    accepted.add(result.event());
                }
            }
        }
        Map<TenantSurface, Map<String, Long>> counts = new HashMap<>();
        for (CanonicalEvent e : accepted) {
            counts.computeIfAbsent(new TenantSurface(e.tenant(), e.surface()), k -> new HashMap<>())
                    .merge(e.itemId(), 1L, Long::sum);
        }
        Map<TenantSurface, List<ItemCount>> top = new TreeMap<>();
        counts.forEach((pair, items) -> {
            List<ItemCount> list = new ArrayList<>();
            items.forEach((item, n) -> list.add(new ItemCount(item, n)));
            // Generated ids are ASCII, where UTF-16 order is byte order.
            list.sort(Comparator.comparingLong(ItemCount::count).reversed().thenComparing(ItemCount::itemId));
            top.put(pair, list.subList(0, Math.min(maxItems, list.size())));
        });
        return top;
    }
}
