package io.recsys.pipelines.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A sanity print of parse cost per line, not a benchmark and not an assertion on speed. */
class RawEventParserTimingTest {

    private static final int LINES = 1_000_000;

    @Test
    void printsNanosPerValidLine() {
        String[] lines = new String[1024]; // distinct lines, cycled, so nothing is one cached value
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "{\"v\":1,\"ts\":\"2026-01-01T08:" + String.format("%02d:%02d.%03d", i % 60, i % 59, i)
                    + "+02:00\",\"tenant\":\"demo\",\"surface\":\"home\",\"session_id\":\"session-" + (i * 7)
                    + "\",\"item_id\":\"sku-" + i + "\",\"user_id\":\"user-" + (i % 97)
                    + "\",\"request_id\":\"req-" + i + "\",\"rank\":" + (i % 20) + "}";
        }
        RawEventParser parser = new RawEventParser();
        run(parser, lines, LINES); // warm-up for the JIT
        long start = System.nanoTime();
        long checksum = run(parser, lines, LINES);
        long elapsed = System.nanoTime() - start;
        System.out.printf("RawEventParser: %d valid lines (~%d chars each), %.0f ns/line%n",
                LINES, lines[0].length(), (double) elapsed / LINES);
        assertEquals(LINES, checksum >>> 32, "every line is valid");
    }

    /** Accepted count in the high half, a rank sum in the low half so the work cannot be dropped. */
    private static long run(RawEventParser parser, String[] lines, int count) {
        long accepted = 0;
        long rankSum = 0;
        for (int i = 0; i < count; i++) {
            ParseResult result = parser.parse(lines[i & (lines.length - 1)], EventType.EXPOSURE);
            if (result.isAccepted()) {
                accepted++;
                rankSum += result.event().rank();
            }
        }
        return (accepted << 32) | (rankSum & 0xFFFFFFFFL);
    }
}
