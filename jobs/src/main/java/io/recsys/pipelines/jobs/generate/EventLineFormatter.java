package io.recsys.pipelines.jobs.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns an {@link Event} into one JSON line, or into a bad copy of it (written in addition). Lines vary the
 * way real exports do: the zone of {@code ts}, the tenant's position among the keys, and a
 * {@code rank} of 0 sometimes left out (the contract reads a missing rank as 0).
 */
final class EventLineFormatter {
    private static final int ITEM_DIGITS = 5;

    private final TimestampWriter timestamps;
    private final String[] tenants;
    private final String[] surfaces;
    private final SplittableRandom random;
    private final SplittableRandom badLineRandom;
    private final StringBuilder line = new StringBuilder(256);

    /** Valid lines draw their style from {@code random}, bad ones from {@code badLineRandom}. */
    EventLineFormatter(TimestampWriter timestamps, List<String> tenants, List<String> surfaces, SplittableRandom random,
                       SplittableRandom badLineRandom) {
        this.timestamps = timestamps;
        this.tenants = tenants.toArray(String[]::new);
        this.surfaces = surfaces.toArray(String[]::new);
        this.random = random;
        this.badLineRandom = badLineRandom;
    }

    /** The exposure line; {@code bad} is null for a valid line. Valid until the next call. */
    StringBuilder exposure(Event event, BadLineKind bad) {
        return format(event, null, -1, bad);
    }

    /** An outcome line of {@code eventType}, with {@code "value"} when {@code valueCents >= 0}. */
    StringBuilder outcome(Event event, String eventType, int valueCents, BadLineKind bad) {
        return format(event, eventType, valueCents, bad);
    }

    private StringBuilder format(Event event, String eventType, int valueCents, BadLineKind bad) {
        // Exactly one draw per line, a bad line's from the bad lines' own stream: the bad lines
        // added leave every valid line as it would have been without them.
        int style = bad == null ? random.nextInt() : badLineRandom.nextInt();
        boolean tenantFirst = ((style >>> 16) & 0xFF) % 10 == 0;
        boolean omitZeroRank = ((style >>> 24) & 3) == 0;
        line.setLength(0);
        if (bad == BadLineKind.BLANK_LINE) {
            return line;
        }
        line.append('{');
        if (tenantFirst) {
            appendTenantSurface(event, bad);
            line.append(',');
        }
        line.append("\"v\":").append(versionToken(bad)).append(",\"ts\":\"");
        timestamps.append(line, event.millisOfDay, zone(style), bad != BadLineKind.TS_WITHOUT_OFFSET);
        line.append('"');
        if (!tenantFirst) {
            line.append(',');
            appendTenantSurface(event, bad);
        }
        if (eventType != null) {
            line.append(",\"event_type\":\"").append(bad == BadLineKind.UNKNOWN_EVENT_TYPE ? "view" : eventType).append('"');
        }
        line.append(",\"session_id\":\"s-").append(event.session).append('"');
        if (event.user > 0) {
            line.append(",\"user_id\":\"u-").append(event.user).append('"');
        }
        line.append(",\"request_id\":\"r-").append(event.request).append('"');
        if (bad != BadLineKind.MISSING_ITEM_ID) {
            line.append(",\"item_id\":\"item-");
            Digits.appendPadded(line, event.item + 1L, ITEM_DIGITS);
            line.append('"');
        }
        if (bad == BadLineKind.NEGATIVE_RANK) {
            line.append(",\"rank\":-1");
        } else if (eventType == null && (event.rank != 0 || !omitZeroRank)) {
            line.append(",\"rank\":").append(event.rank);
        }
        if (valueCents >= 0) {
            appendValue(valueCents);
        }
        line.append('}');
        if (bad == BadLineKind.MALFORMED_JSON) {
            line.setLength(line.length() / 2);
        } else if (bad == BadLineKind.JSON_ARRAY) {
            line.insert(0, '[').append(']');
        }
        return line;
    }

    private void appendTenantSurface(Event event, BadLineKind bad) {
        line.append("\"tenant\":\"").append(tenants[event.tenant]).append(bad == BadLineKind.TENANT_WITH_SLASH ? "/x" : "")
                .append("\",\"surface\":\"").append(surfaces[event.surface]).append('"');
    }

    private static String versionToken(BadLineKind bad) {
        if (bad == BadLineKind.VERSION_AS_STRING) {
            return "\"1\"";
        }
        return bad == BadLineKind.UNSUPPORTED_VERSION ? "2" : "1";
    }

    /** About 10% of lines in +02:00, 10% in -05:00, the rest in Z. */
    private static int zone(int style) {
        return switch ((style & 0xFFFF) % 10) {
            case 0 -> TimestampWriter.PLUS_TWO;
            case 1 -> TimestampWriter.MINUS_FIVE;
            default -> TimestampWriter.UTC;
        };
    }

    /** A money amount the way people write it: {@code 12.5}, {@code 19.99}, {@code 40}. */
    private void appendValue(int cents) {
        line.append(",\"value\":").append(cents / 100);
        int fraction = cents % 100;
        if (fraction != 0) {
            line.append('.').append(fraction / 10);
            if (fraction % 10 != 0) {
                line.append(fraction % 10);
            }
        }
    }
}
