package io.recsys.pipelines.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The report's JSON: indented, numbers rounded to what a timing on a busy machine can tell. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
