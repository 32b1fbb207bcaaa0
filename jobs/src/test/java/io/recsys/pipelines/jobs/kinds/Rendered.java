package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ContentSimPayload;
import io.recsys.pipelines.common.artifact.CoocPayload;
import io.recsys.pipelines.common.artifact.NeighborRow;
import io.recsys.pipelines.common.artifact.UserScoresPayload;
import io.recsys.pipelines.common.pair.TenantSurface;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Payloads as one short line each, so a test's expectation reads like the artifact. */
final class Rendered {
    private Rendered() {
    }

    /** {@code A[B:2 C:1] C[]}: anchors in payload order with their neighbours and counts. */
    static String cooc(CoocPayload payload) {
        return payload.rows().stream().map(Rendered::row).collect(Collectors.joining(" "));
    }

    static String anchor(CoocPayload payload, String anchor) {
        return payload.rows().stream().filter(row -> row.itemId().equals(anchor)).map(Rendered::row)
                .findFirst().orElseThrow();
    }

    /** Every pair's payload rendered, for checking which pairs got one. */
    static <P> Map<TenantSurface, String> byPair(Map<TenantSurface, P> payloads, Function<P, String> render) {
        Map<TenantSurface, String> rendered = new TreeMap<>();
        payloads.forEach((pair, payload) -> rendered.put(pair, render.apply(payload)));
        return rendered;
    }

    private static String row(NeighborRow row) {
        return row.itemId() + row.items().stream().map(n -> n.itemId() + ":" + n.count())
                .collect(Collectors.joining(" ", "[", "]"));
    }

    /** {@code A[red,blue] B[x]}: items in payload order with their tags. */
    static String contentSim(ContentSimPayload payload) {
        return payload.items().stream().map(item -> item.itemId() + "[" + String.join(",", item.tags()) + "]")
                .collect(Collectors.joining(" "));
    }

    /** {@code u1[A:2.0 B:1.0] u2[]}: users in payload order with their items and scores. */
    static String users(UserScoresPayload payload) {
        return payload.users().stream()
                .map(user -> user.userId() + user.items().stream().map(i -> i.itemId() + ":" + i.score())
                        .collect(Collectors.joining(" ", "[", "]")))
                .collect(Collectors.joining(" "));
    }
}
