package io.recsys.pipelines.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.recsys.pipelines.registry.RegistryFixture.SURFACE;
import static io.recsys.pipelines.registry.RegistryFixture.TENANT;
import static io.recsys.pipelines.registry.RegistryFixture.popularity;
import static io.recsys.pipelines.registry.RegistryFixture.popularityOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The freshness alarm: exit 4 when any manifest is older than --max-age. */
class StatusTest {
    @TempDir
    Path tmp;
    RegistryFixture fx;

    /** demo/home published now, demo/search three days ago. */
    @BeforeEach
    void publishTwoPairsAtDifferentTimes() {
        fx = new RegistryFixture(tmp);
        fx.publish(popularityOf(TENANT, "search", "Z=1"));
        fx.clock().advance(Duration.ofDays(3));
        fx.publish(popularity("A=1"));
        fx.clock().advance(Duration.ofHours(5));
    }

    @Test
    void listsEveryPairWithItsAgeAndLastChangeAndFlagsTheStaleOne() {
        CliResult result = fx.cli("status");

        assertEquals(4, result.exitCode(), result.toString());
        String home = result.out().lines().filter(l -> l.startsWith("demo/home")).findFirst().orElseThrow();
        String search = result.out().lines().filter(l -> l.startsWith("demo/search")).findFirst().orElseThrow();
        assertTrue(home.contains("5h0m") && home.contains("#1") && home.contains("publish") && home.contains("run-2"), home);
        assertFalse(home.contains("STALE"), home);
        assertTrue(search.contains("3d5h") && search.contains("STALE"), search);
        assertTrue(result.err().contains("1 of 2 pairs are stale (max-age 2d0h)"), result.err());
    }

    @Test
    void aLargerMaxAgeIsFresh() {
        assertEquals(0, fx.cli("status", "--max-age", "1w").exitCode());
        assertEquals(4, fx.cli("status", "--max-age", "90m").exitCode());
    }

    @Test
    void jsonCarriesAgesInSeconds() throws Exception {
        CliResult result = fx.cli("status", "--json", "--max-age", "4d");

        assertEquals(0, result.exitCode(), result.toString());
        JsonNode statuses = new ObjectMapper().readTree(result.out());
        assertEquals("demo", statuses.get(0).get("tenant").asText());
        assertEquals("home", statuses.get(0).get("surface").asText());
        assertEquals(5 * 3600, statuses.get(0).get("age_seconds").asLong());
        assertEquals(1, statuses.get(0).get("last_seq").asLong());
        assertFalse(statuses.get(1).get("stale").asBoolean());
    }

    @Test
    void aPairWithHistoryButNoPointerIsStale() throws Exception {
        Files.delete(fx.pointerFile(TENANT, SURFACE));

        CliResult result = fx.cli("status", "--max-age", "1w");

        assertEquals(4, result.exitCode(), result.toString());
        assertTrue(result.out().contains("no live manifest"), result.out());
    }

    @Test
    void helpDocumentsExitCodeFour() {
        CliResult help = fx.cli("status", "--help");

        assertTrue(help.out().contains("4   stale"), help.out());
    }
}
