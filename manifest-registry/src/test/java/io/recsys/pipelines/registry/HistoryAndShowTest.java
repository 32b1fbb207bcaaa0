package io.recsys.pipelines.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.recsys.pipelines.registry.RegistryFixture.SURFACE;
import static io.recsys.pipelines.registry.RegistryFixture.TENANT;
import static io.recsys.pipelines.registry.RegistryFixture.popularity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryAndShowTest {
    @TempDir
    Path tmp;
    RegistryFixture fx;
    List<PairPublisher.Result> published;

    @BeforeEach
    void publishThree() {
        fx = new RegistryFixture(tmp);
        published = List.of(fx.publish(popularity("A=1")), fx.publish(popularity("A=2")), fx.publish(popularity("A=3")));
        fx.clock().advance(Duration.ofMinutes(1));
    }

    private String version(int i) {
        return published.get(i).artifacts().get(0).ref().version();
    }

    @Test
    void historyListsEntriesNewestFirstUpToTheLimit() {
        CliResult result = fx.cli("history", "--tenant", TENANT, "--surface", SURFACE, "--limit", "2");

        assertEquals(0, result.exitCode(), result.toString());
        List<String> lines = result.out().lines().toList();
        assertEquals("demo/home: 2 of 3 entries, newest first", lines.get(0));
        assertTrue(lines.get(1).startsWith("#3  publish  ") && lines.get(1).contains("by tester@ci  run run-3"), lines.get(1));
        assertTrue(lines.get(2).contains(version(2)), lines.get(2));
        assertTrue(lines.get(3).startsWith("#2  publish  "), lines.get(3));
        assertEquals(5, lines.size(), result.out());
    }

    @Test
    void historyJsonIsTheStoredEntriesNewestFirst() throws Exception {
        CliResult result = fx.cli("history", "--tenant", TENANT, "--surface", SURFACE, "--json");

        JsonNode entries = new ObjectMapper().readTree(result.out());
        assertEquals(3, entries.size());
        assertEquals(List.of(3, 2, 1), List.of(entries.get(0).get("seq").asInt(), entries.get(1).get("seq").asInt(),
                entries.get(2).get("seq").asInt()));
        assertEquals(2, entries.get(0).get("previous_seq").asInt());
    }

    @Test
    void showPrintsThePointerAndTheEntryBehindIt() {
        CliResult result = fx.cli("show", "--tenant", TENANT, "--surface", SURFACE);

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("popularity   " + fx.uriOf(published.get(2))), result.out());
        assertTrue(result.out().contains("history entry #3  publish"), result.out());
        assertTrue(result.out().contains("version " + version(2) + "  1 items"), result.out());
        assertTrue(result.out().contains("window 2026-01-01T00:00:00Z..2026-01-02T00:00:00Z"), result.out());
        assertTrue(result.err().isEmpty(), result.err());
    }

    @Test
    void showJsonHasTheManifestAsTheServiceReadsIt() throws Exception {
        CliResult result = fx.cli("show", "--tenant", TENANT, "--surface", SURFACE, "--json");

        JsonNode doc = new ObjectMapper().readTree(result.out());
        assertEquals(new ObjectMapper().readTree(fx.pointerBytes()), doc.get("manifest"));
        assertEquals(3, doc.get("entry").get("seq").asInt());
        assertEquals(3, doc.get("newest_seq").asInt());
    }

    @Test
    void showAnUnknownPairIsAUsageError() {
        CliResult result = fx.cli("show", "--tenant", TENANT, "--surface", "nowhere");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("no live manifest for demo/nowhere"), result.err());
    }

    @Test
    void pairCommandsNeedTenantAndSurface() {
        assertEquals(2, fx.cli("show", "--tenant", TENANT).exitCode());
        assertEquals(2, fx.cli("history").exitCode());
        assertEquals(2, fx.cli().exitCode(), "a subcommand is required");
    }
}
