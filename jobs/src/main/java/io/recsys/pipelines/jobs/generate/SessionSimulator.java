package io.recsys.pipelines.jobs.generate;

import io.recsys.pipelines.common.pair.TenantSurface;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulates browsing sessions and writes their exposures and outcomes. One instance serves a
 * whole run so that session and request ids stay unique across days and the counts add up.
 *
 * <p>A session belongs to one tenant, surface and user (or none), and shows 1 to 3 pages of 1 to
 * 4 items; every page is one request, its items ranked 0.. in the order they are seen.
 */
final class SessionSimulator {
    private static final double ITEM_ZIPF_EXPONENT = 1.1;
    private static final double USER_ZIPF_EXPONENT = 0.9;
    /** Gently skewed, so that the first tenant and surface (demo, home) are always the busiest. */
    private static final double TENANT_SURFACE_ZIPF_EXPONENT = 0.5;
    /** Relative traffic per UTC hour: quiet at night, a peak in the evening. */
    private static final double[] HOURLY_TRAFFIC = {
        2, 1, 1, 1, 1, 2, 3, 5, 6, 6, 6, 6, 7, 6, 6, 6, 6, 7, 8, 9, 10, 9, 6, 4};
    /** Relative frequency of sessions of 1, 2 and 3 pages. */
    private static final double[] PAGES_PER_SESSION = {70, 22, 8};
    private static final int MAX_PAGE_SIZE = 4;
    private static final int ANONYMOUS_PERCENT = 15;
    private static final int FRACTIONAL_TS_PERCENT = 30;
    private static final double CLICK_RATE = 0.01;
    private static final double CONVERSION_RATE = 0.10;
    /**
     * Sessions start at least 20 minutes before midnight, so that every event of the session
     * stays in the same UTC day: 12 items take under 2 minutes, a click follows within 30 s and a
     * conversion within 10 minutes.
     */
    private static final int LATEST_START_SECOND = TimestampWriter.SECONDS_PER_DAY - 1200;

    private final GeneratorOptions options;
    private final WeightedSampler tenants;
    private final WeightedSampler surfaces;
    private final WeightedSampler items;
    private final WeightedSampler users;
    private final WeightedSampler hours = new WeightedSampler(HOURLY_TRAFFIC);
    private final WeightedSampler pages = new WeightedSampler(PAGES_PER_SESSION);
    private final Event event = new Event();

    private long sessions;
    private long requests;
    private long exposureLines;
    private long outcomeLines;
    private long badExposureLines;
    private long badOutcomeLines;
    private long goodClicks;
    private long goodConversions;
    private final long[] badExposuresByKind = new long[BadLineKind.values().length];
    private final long[] badOutcomesByKind = new long[BadLineKind.values().length];
    private final long[][] goodExposures;
    /**
     * The valid outcomes of the current request as {item, type, millis, value}: two clicks on the same
     * item shown twice on one page could otherwise fall on the same millisecond and be exact
     * duplicates, which the pipeline would drop, and the summary's counts would no longer be exact.
     */
    private final List<long[]> requestOutcomes = new ArrayList<>();

    // The day being written; set by simulateDay.
    private SplittableRandom random;
    private SplittableRandom badLineRandom;
    private EventLineFormatter formatter;
    private LineSink exposureSink;
    private LineSink outcomeSink;

    SessionSimulator(GeneratorOptions options) {
        this.options = options;
        tenants = WeightedSampler.zipf(options.tenants(), TENANT_SURFACE_ZIPF_EXPONENT);
        surfaces = WeightedSampler.zipf(options.surfaces(), TENANT_SURFACE_ZIPF_EXPONENT);
        items = WeightedSampler.zipf(options.items(), ITEM_ZIPF_EXPONENT);
        users = WeightedSampler.zipf(options.users(), USER_ZIPF_EXPONENT);
        goodExposures = new long[options.tenants()][options.surfaces()];
    }

    /** Writes {@code exposures} exposure lines of {@code day}, and the outcomes they lead to. */
    void simulateDay(LocalDate day, long exposures, LineSink exposureSink, LineSink outcomeSink) throws IOException {
        random = dayRandom(options.seed(), day);
        // Bad lines are decided and drawn on their own stream: the bad ratio then adds lines between
        // the valid ones and never changes the valid ones themselves.
        badLineRandom = random.split();
        formatter = new EventLineFormatter(
                new TimestampWriter(day), options.tenantNames(), options.surfaceNames(), random, badLineRandom);
        this.exposureSink = exposureSink;
        this.outcomeSink = outcomeSink;
        for (long remaining = exposures; remaining > 0; ) {
            remaining -= session(remaining);
        }
    }

    GenerationSummary summary() {
        Map<BadLineKind, Long> exposureKinds = new EnumMap<>(BadLineKind.class);
        Map<BadLineKind, Long> outcomeKinds = new EnumMap<>(BadLineKind.class);
        for (BadLineKind kind : BadLineKind.values()) {
            exposureKinds.put(kind, badExposuresByKind[kind.ordinal()]);
            outcomeKinds.put(kind, badOutcomesByKind[kind.ordinal()]);
        }
        Map<TenantSurface, Long> byTenantSurface = new LinkedHashMap<>();
        List<String> tenantNames = options.tenantNames();
        List<String> surfaceNames = options.surfaceNames();
        for (int t = 0; t < tenantNames.size(); t++) {
            for (int s = 0; s < surfaceNames.size(); s++) {
                byTenantSurface.put(new TenantSurface(tenantNames.get(t), surfaceNames.get(s)), goodExposures[t][s]);
            }
        }
        return new GenerationSummary(options.out(), options.startDate(), options.days(), sessions,
                exposureLines, outcomeLines, goodClicks, goodConversions, exposureKinds, outcomeKinds, byTenantSurface);
    }

    /**
     * Each day has its own stream. The day is mixed in through one draw instead of being added to
     * the seed, because SplittableRandom seeds one gamma apart give the same stream shifted by one.
     */
    private static SplittableRandom dayRandom(long seed, LocalDate day) {
        long daySeed = new SplittableRandom(seed ^ day.toEpochDay() * 0x9E3779B97F4A7C15L).nextLong();
        return new SplittableRandom(daySeed);
    }

    /** Writes one session of at most {@code budget} exposures and returns how many it wrote. */
    private int session(long budget) throws IOException {
        event.session = ++sessions;
        event.tenant = tenants.sample(random);
        event.surface = surfaces.sample(random);
        event.user = random.nextInt(100) < ANONYMOUS_PERCENT ? 0 : users.sample(random) + 1;
        int second = startSecond();
        int pageCount = pages.sample(random) + 1;
        int written = 0;
        for (int page = 0; page < pageCount && written < budget; page++) {
            event.request = ++requests;
            requestOutcomes.clear();
            int size = (int) Math.min(random.nextInt(1, MAX_PAGE_SIZE + 1), budget - written);
            for (int rank = 0; rank < size; rank++) {
                event.item = items.sample(random);
                event.rank = rank;
                event.millisOfDay = millisAt(second);
                writeExposure();
                maybeClick(second);
                second += random.nextInt(1, 5); // scrolling on to the next item
            }
            written += size;
            second += random.nextInt(3, 21); // reading the page before asking for the next one
        }
        return written;
    }

    /** An hour weighted by traffic and a second in it, squeezed into [0, LATEST_START_SECOND). */
    private int startSecond() {
        long second = hours.sample(random) * 3600L + random.nextInt(3600);
        return (int) (second * LATEST_START_SECOND / TimestampWriter.SECONDS_PER_DAY);
    }

    /** Whole seconds always increase within a session, so an added fraction keeps the order. */
    private int millisAt(int second) {
        int fraction = random.nextInt(100) < FRACTIONAL_TS_PERCENT ? random.nextInt(1, 1000) : 0;
        return second * 1000 + fraction;
    }

    private void maybeClick(int exposureSecond) throws IOException {
        if (random.nextDouble() >= CLICK_RATE) {
            return;
        }
        int clickSecond = exposureSecond + random.nextInt(1, 31);
        event.millisOfDay = distinctOutcome(0, millisAt(clickSecond), -1);
        writeOutcome("click", -1);
        goodClicks++;
        if (random.nextDouble() < CONVERSION_RATE) {
            int millis = millisAt(clickSecond + random.nextInt(30, 601));
            int value = random.nextInt(500, 25_001);
            event.millisOfDay = distinctOutcome(1, millis, value);
            writeOutcome("conversion", value);
            goodConversions++;
        }
    }

    /** {@code millis}, moved on by a millisecond while an equal outcome of the request already has it. */
    private int distinctOutcome(int type, int millis, int value) {
        int at = millis;
        boolean taken = true;
        while (taken) {
            taken = false;
            for (long[] o : requestOutcomes) {
                if (o[0] == event.item && o[1] == type && o[2] == at && o[3] == value) {
                    taken = true;
                    at++;
                    break;
                }
            }
        }
        requestOutcomes.add(new long[] {event.item, type, at, value});
        return at;
    }

    private void writeExposure() throws IOException {
        writeBadLines(false);
        exposureSink.writeLine(formatter.exposure(event, null));
        exposureLines++;
        goodExposures[event.tenant][event.surface]++;
    }

    private void writeOutcome(String eventType, int valueCents) throws IOException {
        writeBadLines(true, eventType, valueCents);
        outcomeSink.writeLine(formatter.outcome(event, eventType, valueCents, null));
        outcomeLines++;
    }

    private void writeBadLines(boolean outcome) throws IOException {
        writeBadLines(outcome, null, -1);
    }

    /**
     * Bad copies of the event about to be written, in addition to it: each draw below the bad ratio
     * adds one, so bad lines make up the ratio's share of all lines (R/(1-R) per valid line on
     * average) and every valid event is still written.
     */
    private void writeBadLines(boolean outcome, String eventType, int valueCents) throws IOException {
        while (badLineRandom.nextDouble() < options.badRatio()) {
            long n = outcome ? badOutcomeLines++ : badExposureLines++;
            BadLineKind kind = BadLineKind.nth(n, outcome);
            if (outcome) {
                badOutcomesByKind[kind.ordinal()]++;
                outcomeSink.writeLine(formatter.outcome(event, eventType, valueCents, kind));
                outcomeLines++;
            } else {
                badExposuresByKind[kind.ordinal()]++;
                exposureSink.writeLine(formatter.exposure(event, kind));
                exposureLines++;
            }
        }
    }
}
