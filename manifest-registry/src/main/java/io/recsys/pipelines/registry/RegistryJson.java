package io.recsys.pipelines.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.Location;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** JSON mappers for registry files: snake_case keys, tolerant of keys added by later versions. */
public final class RegistryJson {
    static final ObjectMapper COMPACT = base();
    public static final ObjectMapper PRETTY = base().enable(SerializationFeature.INDENT_OUTPUT);

    private RegistryJson() {
    }

    private static ObjectMapper base() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    static byte[] prettyBytes(Object value) {
        try {
            return PRETTY.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(byte[] bytes, Class<T> type, Location path) {
        try {
            return COMPACT.readValue(bytes, type);
        } catch (IOException e) {
            throw new PipelineException(ExitCode.UNEXPECTED, "registry file " + path + " is not valid "
                    + type.getSimpleName() + " JSON: " + e.getMessage() + " (first bytes: "
                    + new String(Arrays.copyOf(bytes, Math.min(80, bytes.length)), StandardCharsets.UTF_8) + ")");
        }
    }
}
