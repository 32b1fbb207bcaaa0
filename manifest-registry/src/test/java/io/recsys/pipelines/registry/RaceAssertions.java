package io.recsys.pipelines.registry;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static io.recsys.pipelines.registry.RegistryFixture.SURFACE;
import static io.recsys.pipelines.registry.RegistryFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What must hold after {@link RacingPublisher}s raced on demo/home, however they interleaved and on
 * whatever store. Shared with the jobs module's S3 race (test-jar).
 */
public final class RaceAssertions {
    private RaceAssertions() {
    }

    /** On a local registry: the history and the pointer are read from the fixture's own files. */
    public static void assertNoUpdateLost(RegistryFixture fx, List<String> outcomes, int attempts) {
        assertNoUpdateLost(fx.registry(), fx.historySeqs(TENANT, SURFACE), fx.pointer(), outcomes, attempts);
    }

    /**
     * @param seqs    the history entry numbers of demo/home as listed from the store itself, ascending
     * @param pointer the live manifest of demo/home as read from the store
     */
    public static void assertNoUpdateLost(Registry registry, List<Long> seqs, Manifest pointer, List<String> outcomes,
                                          int attempts) {
        assertEquals(attempts, outcomes.size(), "every attempt reported an outcome");
        for (String outcome : outcomes) {
            assertTrue(outcome.startsWith("published ") || outcome.startsWith("unchanged ")
                    || (outcome.startsWith("conflict ") && outcome.contains("was created first by run ")), outcome);
        }
        assertEquals(LongStream.rangeClosed(1, seqs.size()).boxed().toList(), seqs, "a contiguous history 1..N");
        HistoryEntry newest = registry.latestEntry(TENANT, SURFACE).orElseThrow();
        assertEquals(newest.manifest(), pointer, "the pointer equals the newest entry");
        Set<String> publishedRuns = outcomes.stream().filter(o -> o.startsWith("published "))
                .map(o -> o.split(" ")[2]).collect(Collectors.toCollection(TreeSet::new));
        Set<String> entryRuns = seqs.stream().map(seq -> registry.entry(TENANT, SURFACE, seq).runId())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(publishedRuns, entryRuns, "every reported publish has its entry, and no entry is unaccounted for");
        for (long seq = 2; seq <= seqs.size(); seq++) {
            assertEquals(seq - 1, registry.entry(TENANT, SURFACE, seq).previousSeq(), "entry " + seq + " follows its predecessor");
        }
    }

    public static long count(List<String> outcomes, String kind) {
        return outcomes.stream().filter(o -> o.startsWith(kind + " ")).count();
    }
}
