package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactPayload;
import io.recsys.pipelines.common.pair.TenantSurface;

import java.util.Comparator;
import java.util.Optional;

/**
 * One kind's payloads for a window, handed out one (tenant, surface) at a time, in {@link #ORDER}:
 * the driver holds one pair's payload of the kind, never all pairs' at once.
 */
public interface PairStream {
    /**
     * The order pairs are asked for and results arrive in: tenant, then surface, each by UTF-8 bytes
     * (the order Spark sorts strings in).
     */
    Comparator<TenantSurface> ORDER = Comparator.comparing(TenantSurface::tenant, Utf8ByteOrder::compare)
            .thenComparing(TenantSurface::surface, Utf8ByteOrder::compare);

    /**
     * The payload of {@code pair}: the kind's empty payload when it has no rows for the pair, and
     * nothing at all when the pair gets no artifact of this kind (see the builder's stats). Pairs
     * must be asked in ascending {@link #ORDER}; rows of pairs never asked for are skipped.
     */
    Optional<ArtifactPayload> payloadFor(TenantSurface pair);
}
