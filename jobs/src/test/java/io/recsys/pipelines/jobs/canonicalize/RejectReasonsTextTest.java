package io.recsys.pipelines.jobs.canonicalize;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A budget failure names its reasons, most frequent first, and past twelve says how many more. */
class RejectReasonsTextTest {
    @Test
    void pastTwelveReasonsTheTextSaysHowManyMore() {
        Map<String, Long> reasons = new TreeMap<>();
        for (int i = 1; i <= 14; i++) {
            reasons.put(String.format("r%02d", i), (long) i);
        }
        String text = CanonicalizeStage.reasons(reasons);
        assertEquals("r14=14, r13=13, r12=12, r11=11, r10=10, r09=9, r08=8, r07=7, r06=6, r05=5, r04=4, r03=3"
                + " and 2 more reasons (see the run report)", text);
        assertEquals("a=1", CanonicalizeStage.reasons(Map.of("a", 1L)));
    }
}
