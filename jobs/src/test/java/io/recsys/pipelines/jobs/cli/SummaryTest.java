package io.recsys.pipelines.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a run prints cannot be misread (issue 14, point 4). */
@ExtendWith(SharedSpark.class)
class SummaryTest {
    @TempDir
    Path tmp;
    Workspace ws;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
        for (int day = 2; day <= 3; day++) {
            // demo/home: sessions 1 and 2 show A and B (a cooc pair with support 2), session 3 shows C alone;
            // acme/home: one event, out of scope for --tenant demo.
            ws.input("2026-01-0" + day + ".jsonl",
                    event(day, "demo", "s1", "A"), event(day, "demo", "s1", "B"),
                    event(day, "demo", "s2", "A"), event(day, "demo", "s2", "B"),
                    event(day, "demo", "s3", "C"), event(day, "acme", "s9", "X"));
        }
    }

    private static String event(int day, String tenant, String session, String item) {
        return "{\"v\":1,\"ts\":\"2026-01-0" + day + "T12:00:00Z\",\"tenant\":\"" + tenant + "\",\"surface\":\"home\","
                + "\"session_id\":\"" + session + "\",\"user_id\":\"u-" + session + "\",\"item_id\":\"" + item + "\"}";
    }

    private UsageErrorsTest.Outcome run(String... args) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(Arrays.asList(args));
        all.addAll(ws.storageArgs());
        all.addAll(List.of("--set", "input.exposures=" + tmp.resolve("input/{date}.jsonl"), "--set", "input.outcomes="));
        return UsageErrorsTest.execute(all.toArray(String[]::new));
    }

    @Test
    void aDayRecordedButNotPublishedSaysRecordedNotLiveWithoutThePointerPath() {
        assertEquals(0, run("--date", "2026-01-03", "--tenant", "demo", "--surface", "home").code());

        UsageErrorsTest.Outcome older = run("--date", "2026-01-02", "--tenant", "demo", "--surface", "home");

        assertEquals(0, older.code(), older.err());
        assertTrue(older.out().contains("demo/home 2026-01-02: recorded, not live"), older.out());
        assertFalse(older.out().contains("manifest.json"), "no pointer next to versions that are not in it: " + older.out());
        assertFalse(older.out().contains("top items"), older.out());
    }

    @Test
    void itemCountsCountWhatAConsumerGetsAndSaySo() {
        UsageErrorsTest.Outcome o = run("--date", "2026-01-02", "--kinds", "popularity,cooc,implicit", "--tenant", "demo");

        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains(" 3 items, "), o.out());
        // A and B have each other; C, shown alone, is an anchor without neighbours and is not counted.
        assertTrue(o.out().contains(" 2 anchors with neighbours, "), o.out());
        // u-s3 saw only C, still an item: every user here has items.
        assertTrue(o.out().contains(" 3 users with items, "), o.out());
        JsonNode cooc = null;
        for (JsonNode a : ws.lastReport().get("artifacts")) {
            if (a.get("kind").asText().equals("cooc")) {
                cooc = a;
            }
        }
        assertEquals(2, cooc.get("items").asInt(), "the report and the record count the same way");
    }

    @Test
    void withATenantTheProgressCountsAddUpWithOtherPairsShownAsOutOfScope() {
        assertEquals(0, run("--date", "2026-01-02", "--tenant", "demo", "--kinds", "popularity").code());

        String line = ws.lastReport().get("stages").get("canonicalize").get("exposures").asText();

        // The day's file and its neighbour's (for events near midnight): 12 lines, 2 of acme, 5 of demo on 01-03.
        Matcher m = Pattern.compile("(\\d+) read = (\\d+) rejected \\+ (\\d+) duplicates \\+ (\\d+) out of window \\+ "
                + "(\\d+) out of scope \\+ (\\d+) written").matcher(line);
        assertTrue(m.matches(), line);
        long sum = 0;
        for (int g = 2; g <= 6; g++) {
            sum += Long.parseLong(m.group(g));
        }
        assertEquals(Long.parseLong(m.group(1)), sum, line);
        assertEquals(1, Long.parseLong(m.group(5)), "acme's event of the day is out of scope: " + line);
    }
}
