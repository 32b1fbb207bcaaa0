package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.common.pair.PairFilter;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplacePredicateTest {
    @Test
    void daysAndScopeBecomeQuotedLiterals() {
        assertEquals("dt IN (DATE'2026-01-01', DATE'2026-01-03') AND tenant = 'demo' AND surface = 'home'",
                ReplacePredicate.of(List.of(LocalDate.of(2026, 1, 3), LocalDate.of(2026, 1, 1)), new PairFilter("demo", "home")));
        assertEquals("dt IN (DATE'2026-01-01')", ReplacePredicate.of(List.of(LocalDate.of(2026, 1, 1)), PairFilter.ALL));
    }

    @Test
    void quotesAndBackslashesInValuesAreEscaped() {
        assertEquals("'o\\'brien'", ReplacePredicate.literal("o'brien"));
        assertEquals("'a\\\\\\' OR 1=1 --'", ReplacePredicate.literal("a\\' OR 1=1 --"));
    }
}
