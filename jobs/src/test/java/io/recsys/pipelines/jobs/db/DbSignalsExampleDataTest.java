package io.recsys.pipelines.jobs.db;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "done when": against a fresh database with conf/db/schema.sql applied and the
 * example tenants registered, `db-signals --date D --set db.url=...` on examples/events fills both
 * tables with the numbers of that day's popularity and cooc artifacts, and re-runs (also as
 * `run` with mode = db) leave the row counts as they are.
 */
@ExtendWith({SharedSpark.class, EmbeddedPostgresExtension.class})
class DbSignalsExampleDataTest {
    static final String DATE = "2026-01-02";
    static final Path EXPOSURES = Path.of("../examples/events/exposures/{date}.jsonl").toAbsolutePath().normalize();
    static final Path OUTCOMES = Path.of("../examples/events/outcomes/{date}.jsonl").toAbsolutePath().normalize();
    static final List<String> TENANTS = List.of("acme", "demo");
    static final List<String> SURFACES = List.of("home", "pdp");

    @TempDir
    Path tmp;

    @Test
    void dbSignalsWritesTheArtifactsNumbersAndReRunsKeepTheRowCounts(TestDatabase db) throws Exception {
        Workspace ws = new Workspace(tmp);
        for (String tenant : TENANTS) {
            db.addTenant(tenant);
        }
        LocalDate day = LocalDate.parse(DATE);

        assertEquals(0, DbCommands.signals(ws, db, EXPOSURES, OUTCOMES, "db-signals", "--date", DATE).exitCode());
        assertEquals(0, ws.run(DATE, EXPOSURES, OUTCOMES));

        Map<String, Map<String, BigDecimal>> tables = new TreeMap<>();
        for (String tenant : TENANTS) {
            for (String surface : SURFACES) {
                JsonNode popularity = artifact(ws, tenant, surface, "popularity");
                Map<String, BigDecimal> scores = db.popularity(tenant, surface, day);
                assertFalse(scores.isEmpty(), tenant + "/" + surface);
                assertTrue(popularity.get("items").size() < 1000, "the artifact lists every item, so sizes compare");
                assertEquals(counts(popularity.get("items"), null), scores, tenant + "/" + surface + " popularity");

                Map<String, BigDecimal> neighbours = new TreeMap<>();
                for (JsonNode anchor : artifact(ws, tenant, surface, "cooc").get("neighbors")) {
                    neighbours.putAll(counts(anchor.get("items"), anchor.get("item_id").asText()));
                }
                assertFalse(neighbours.isEmpty(), tenant + "/" + surface + " has co-visitations");
                assertEquals(neighbours, db.covisits(tenant, surface, day), tenant + "/" + surface + " cooc");
                tables.put(tenant + "/" + surface, scores);
            }
        }
        long popularityRows = db.count("SELECT count(*) FROM item_popularity_daily");
        long covisitRows = db.count("SELECT count(*) FROM item_covisit_daily");

        assertEquals(0, DbCommands.signals(ws, db, EXPOSURES, OUTCOMES, "db-signals", "--date", DATE).exitCode());
        assertEquals(0, DbCommands.signals(ws, db, EXPOSURES, OUTCOMES, "run", "--date", DATE, "--set", "mode=db").exitCode());

        assertEquals(popularityRows, db.count("SELECT count(*) FROM item_popularity_daily"));
        assertEquals(covisitRows, db.count("SELECT count(*) FROM item_covisit_daily"));
        assertEquals(tables.get("demo/home"), db.popularity("demo", "home", day));
    }

    private static JsonNode artifact(Workspace ws, String tenant, String surface, String kind) {
        String uri = ws.pointer(tenant, surface).get("current").get(kind).asText();
        return Workspace.readJson(Path.of(uri.substring("file://".length())));
    }

    /** {"item_id","count"} entries as the table's keys and numeric(18,6) scores. */
    private static Map<String, BigDecimal> counts(JsonNode items, String anchor) {
        Map<String, BigDecimal> counts = new TreeMap<>();
        for (JsonNode item : items) {
            String key = anchor == null ? item.get("item_id").asText() : anchor + " -> " + item.get("item_id").asText();
            counts.put(key, new BigDecimal(item.get("count").asLong()).setScale(6));
        }
        return counts;
    }
}
