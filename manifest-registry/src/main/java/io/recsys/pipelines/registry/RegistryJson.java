package io.recsys.pipelines.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON mappers for registry files: snake_case keys, tolerant of keys added by later versions. */
final class RegistryJson {
    static final ObjectMapper COMPACT = base();
    static final ObjectMapper PRETTY = base().enable(SerializationFeature.INDENT_OUTPUT);

    private RegistryJson() {
    }

    private static ObjectMapper base() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
