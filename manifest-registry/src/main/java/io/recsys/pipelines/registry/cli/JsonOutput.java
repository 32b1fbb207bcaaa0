package io.recsys.pipelines.registry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.recsys.pipelines.registry.RegistryJson;

import java.io.PrintWriter;

/** --json output: the registry's own snake_case shapes, indented. */
final class JsonOutput {
    private JsonOutput() {
    }

    static void print(PrintWriter out, Object value) {
        try {
            out.println(RegistryJson.PRETTY.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
