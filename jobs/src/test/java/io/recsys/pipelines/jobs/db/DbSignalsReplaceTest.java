package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.recsys.pipelines.jobs.db.DbCommands.exposure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A written day is replaced whole (contract 10): no stale rows, nothing outside the run's pairs and days touched. */
@ExtendWith({SharedSpark.class, EmbeddedPostgresExtension.class})
class DbSignalsReplaceTest {
    static final LocalDate DAY1 = LocalDate.parse("2026-01-01");
    static final LocalDate DAY2 = LocalDate.parse("2026-01-02");
    /** JSON-escaped ids: accents, CJK, an emoji, a quote, CSV and COPY separators, a backslash, a tab. */
    static final List<String> UNICODE_JSON = List.of("café", "日本語", "🍕 pizza", "say \\\"hi\\\"", "a,b;c", "back\\\\slash", "u+00a0\u00a0nbsp");
    static final List<String> UNICODE = List.of("café", "日本語", "🍕 pizza", "say \"hi\"", "a,b;c", "back\\slash", "u+00a0\u00a0nbsp");

    /** Two sessions that each show all of {@code items}: every pair co-occurs twice, reaching min support 2. */
    private static List<String> twoSessions(String day, String tenant, String surface, List<String> items) {
        List<String> lines = new ArrayList<>();
        for (String session : List.of("s1", "s2")) {
            for (int i = 0; i < items.size(); i++) {
                lines.add(exposure(day + "T08:00:0" + i + "Z", tenant, surface, tenant + session, items.get(i)));
            }
        }
        return lines;
    }

    @Test
    void reRunWithFewerItemsLeavesNoStaleRowsAndUnicodeIdsRoundTrip(@TempDir Path tmp, TestDatabase db) throws Exception {
        Workspace ws = new Workspace(tmp);
        db.addTenant("demo");
        List<String> first = new ArrayList<>(List.of("A", "B", "C"));
        first.addAll(UNICODE_JSON);
        Path day = ws.input("2026-01-01.jsonl", twoSessions("2026-01-01", "demo", "home", first).toArray(String[]::new));
        assertEquals(0, DbCommands.signals(ws, db, day, null, "db-signals", "--date", "2026-01-01").exitCode());

        Map<String, BigDecimal> popularity = db.popularity("demo", "home", DAY1);
        assertEquals(10, popularity.size());
        assertTrue(popularity.keySet().containsAll(UNICODE), popularity.keySet().toString());
        assertEquals(new BigDecimal("2.000000"), popularity.get("🍕 pizza"));
        assertEquals(new BigDecimal("2.000000"), db.covisits("demo", "home", DAY1).get("say \"hi\" -> u+00a0\u00a0nbsp"));
        assertEquals(10 * 9, db.covisits("demo", "home", DAY1).size());

        ws.input("2026-01-01.jsonl", twoSessions("2026-01-01", "demo", "home", List.of("A", "B")).toArray(String[]::new));
        assertEquals(0, DbCommands.signals(ws, db, day, null, "db-signals", "--date", "2026-01-01").exitCode());

        assertEquals(Map.of("A", new BigDecimal("2.000000"), "B", new BigDecimal("2.000000")), db.popularity("demo", "home", DAY1));
        assertEquals(Set.of("A -> B", "B -> A"), db.covisits("demo", "home", DAY1).keySet());
        assertEquals(2, db.count("SELECT count(*) FROM item_popularity_daily"));
    }

    @Test
    void aPairsDayWithoutEventsIsEmptiedAndPairsOutsideTheScopeAreUntouched(@TempDir Path tmp, TestDatabase db) throws Exception {
        Workspace ws = new Workspace(tmp);
        db.addTenant("demo");
        db.addTenant("acme");
        Path days = tmp.resolve("input/{date}.jsonl");
        List<String> day1 = new ArrayList<>(twoSessions("2026-01-01", "demo", "home", List.of("A", "B")));
        day1.addAll(twoSessions("2026-01-01", "acme", "home", List.of("X", "Y")));
        List<String> day2 = new ArrayList<>(twoSessions("2026-01-02", "demo", "home", List.of("C", "D")));
        day2.addAll(twoSessions("2026-01-02", "acme", "home", List.of("Z")));
        ws.input("2026-01-01.jsonl", day1.toArray(String[]::new));
        ws.input("2026-01-02.jsonl", day2.toArray(String[]::new));
        assertEquals(0, DbCommands.signals(ws, db, days, null, "db-signals", "--start", "2026-01-01", "--end", "2026-01-02")
                .exitCode());
        assertEquals(Set.of("C", "D"), db.popularity("demo", "home", DAY2).keySet());

        // demo/home loses its day-2 events; the re-run covers only tenant demo.
        ws.input("2026-01-02.jsonl", twoSessions("2026-01-02", "acme", "home", List.of("W")).toArray(String[]::new));
        assertEquals(0, DbCommands.signals(ws, db, days, null, "db-signals", "--start", "2026-01-01", "--end", "2026-01-02",
                "--tenant", "demo").exitCode());

        assertEquals(Set.of("A", "B"), db.popularity("demo", "home", DAY1).keySet());
        assertEquals(Map.of(), db.popularity("demo", "home", DAY2));
        assertEquals(Map.of(), db.covisits("demo", "home", DAY2));
        assertEquals(Set.of("X", "Y"), db.popularity("acme", "home", DAY1).keySet());
        assertEquals(Set.of("Z"), db.popularity("acme", "home", DAY2).keySet(), "acme was outside --tenant demo");
    }
}
