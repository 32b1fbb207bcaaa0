package io.recsys.pipelines.registry.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsTest {

    @Test
    void readsOneNumberAndOneUnit() {
        assertEquals(Duration.ofDays(7), Durations.parse("7d"));
        assertEquals(Duration.ofHours(36), Durations.parse("36h"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("90m"));
        assertEquals(Duration.ofDays(7), Durations.parse("1w"));
        assertEquals(Duration.ofSeconds(30), Durations.parse(" 30S "));
        assertEquals(Duration.ZERO, Durations.parse("0m"));
    }

    @Test
    void refusesAnythingElseNamingTheFormat() {
        for (String bad : new String[]{"7", "d", "1.5h", "1d12h", "-1d", "seven days"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
            assertTrue(e.getMessage().contains("e.g. 7d, 36h, 90m, 1w"), e.getMessage());
        }
    }

    @Test
    void printsTheTwoLargestUnits() {
        assertEquals("3d4h", Durations.format(Duration.ofHours(76).plusMinutes(5)));
        assertEquals("5h2m", Durations.format(Duration.ofMinutes(302)));
        assertEquals("4m10s", Durations.format(Duration.ofSeconds(250)));
        assertEquals("42s", Durations.format(Duration.ofSeconds(42)));
        assertEquals("-1h0m", Durations.format(Duration.ofHours(-1)));
    }
}
