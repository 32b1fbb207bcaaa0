package io.recsys.pipelines.common.catalog;

import io.recsys.pipelines.common.text.GoStrings;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.recsys.pipelines.common.errors.PipelineException;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSONL catalog: one object per line with {@code item_id}, {@code namespace} (optional) and
 * {@code tags} (an array of strings, optional); other keys are ignored. Blank lines are skipped.
 * A line that is not such an object fails the whole catalog with its line number, as the Go tool
 * fails on it: a half-read catalog would publish a silently smaller artifact.
 */
final class JsonlCatalog {
    /** Prices keep their written decimals (12.50 stays 12.50) for the DB's numeric column. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonlCatalog() {
    }

    static List<CatalogRow> read(BufferedReader in, String source) throws IOException {
        List<CatalogRow> rows = new ArrayList<>();
        String line;
        int lineNumber = 0;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            String trimmed = GoStrings.trimSpace(line);
            if (trimmed.isEmpty()) {
                continue;
            }
            Line item = new Line(parse(trimmed, source, lineNumber), source, lineNumber);
            String id = item.string("item_id");
            if (!id.isEmpty()) {
                JsonNode price = item.node.get("price");
                JsonNode createdAt = item.node.get("created_at");
                rows.add(new CatalogRow(id, item.string("namespace"), item.tags(),
                        price != null && price.isNumber() ? price.decimalValue() : null,
                        createdAt != null && createdAt.isTextual()
                                ? CatalogReader.rfc3339OrNull(GoStrings.trimSpace(createdAt.textValue())) : null));
            }
        }
        return rows;
    }

    private static JsonNode parse(String text, String source, int lineNumber) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw CatalogReader.lineError(source, lineNumber, "not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw CatalogReader.lineError(source, lineNumber, "not a JSON object");
        }
        return node;
    }

    /** One line's object, with the type checks that name the offending key. */
    private record Line(JsonNode node, String source, int lineNumber) {
        /** Trimmed text; {@code ""} when the key is absent or null. */
        String string(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return "";
            }
            if (!value.isTextual()) {
                throw wrongType(key, "a string");
            }
            return GoStrings.trimSpace(value.textValue());
        }

        List<String> tags() {
            JsonNode value = node.get("tags");
            List<String> tags = new ArrayList<>();
            if (value == null || value.isNull()) {
                return tags;
            }
            if (!value.isArray()) {
                throw wrongType("tags", "an array of strings");
            }
            for (JsonNode tag : value) {
                if (tag.isTextual()) {
                    CatalogTags.addTrimmed(tags, tag.textValue());
                } else if (!tag.isNull()) {
                    throw wrongType("tags", "an array of strings");
                }
            }
            return tags;
        }

        private PipelineException wrongType(String key, String expected) {
            return CatalogReader.lineError(source, lineNumber, "\"" + key + "\" must be " + expected
                    + ", got " + node.get(key));
        }
    }
}
