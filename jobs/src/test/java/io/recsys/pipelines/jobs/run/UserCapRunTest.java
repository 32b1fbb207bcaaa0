package io.recsys.pipelines.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** limits.max_users_per_artifact: a pair over it gets no implicit / session_seq artifact; the run goes on. */
@ExtendWith(SharedSpark.class)
class UserCapRunTest {
    private static String exposure(String surface, String session, String user, String item, int second) {
        return "{\"v\":1,\"ts\":\"2026-01-01T08:00:0" + second + "Z\",\"tenant\":\"demo\",\"surface\":\"" + surface
                + "\",\"session_id\":\"" + session + "\",\"user_id\":\"" + user + "\",\"item_id\":\"" + item + "\"}";
    }

    @Test
    void aPairWithMoreUsersThanTheCapGetsNoUserArtifactsAndIsReported(@TempDir Path tmp) {
        Workspace ws = new Workspace(tmp);
        // demo/home: users u1, u2, u3 (over a cap of 2); demo/pdp: u1, u2 (at the cap).
        Path input = ws.input("day.jsonl",
                exposure("home", "s1", "u1", "A", 1), exposure("home", "s1", "u1", "B", 2),
                exposure("home", "s2", "u2", "A", 3), exposure("home", "s3", "u3", "C", 4),
                exposure("pdp", "s4", "u1", "A", 1), exposure("pdp", "s4", "u1", "B", 2),
                exposure("pdp", "s5", "u2", "B", 3));

        assertEquals(0, ws.run("2026-01-01", input, null, "--kinds", "popularity,implicit,session_seq",
                "--set", "limits.max_users_per_artifact=2"));

        JsonNode home = ws.pointer("demo", "home").get("current");
        assertTrue(home.has("popularity"), home.toString());
        assertFalse(home.has("implicit"), home.toString());
        assertFalse(home.has("session_seq"), home.toString());
        JsonNode pdp = ws.pointer("demo", "pdp").get("current");
        assertTrue(pdp.has("popularity") && pdp.has("implicit") && pdp.has("session_seq"), pdp.toString());

        JsonNode report = ws.lastReport();
        JsonNode stats = report.get("build_stats_2026-01-01");
        assertEquals(3, stats.get("implicit").get("pairs_over_user_cap").get("demo/home").asLong(), stats.toString());
        assertEquals(3, stats.get("session_seq").get("pairs_over_user_cap").get("demo/home").asLong(), stats.toString());
        assertEquals(2, report.get("warnings").size(), report.get("warnings").toString());
        assertTrue(report.get("warnings").get(0).asText().contains("demo/home: 3 users"), report.get("warnings").toString());
    }
}
