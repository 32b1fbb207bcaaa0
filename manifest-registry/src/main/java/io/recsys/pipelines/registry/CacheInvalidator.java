package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.config.PipelineConfig;

import java.util.Optional;
import java.util.Set;

/**
 * Tells the service that a pointer changed, so it drops its cached artifacts now instead of when
 * their TTL ends. Best effort by design: a failure is a warning for the caller, never a failed
 * publish, because the new pointer is already live.
 */
public interface CacheInvalidator {
    CacheInvalidator NONE = (tenant, surface, kinds) -> Optional.empty();

    /** Returns a warning when the service could not be told; never throws. */
    Optional<String> invalidate(String tenant, String surface, Set<String> kinds);

    static CacheInvalidator fromConfig(PipelineConfig.ServiceConfig service) {
        return service.invalidateCache() ? ServiceCacheInvalidator.of(service) : NONE;
    }
}
