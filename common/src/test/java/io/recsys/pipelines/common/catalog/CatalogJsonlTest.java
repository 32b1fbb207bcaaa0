package io.recsys.pipelines.common.catalog;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogJsonlTest {
    private static List<CatalogRow> jsonl(String... lines) throws IOException {
        return CatalogReader.parse(new StringReader(String.join("\n", lines)), CatalogFormat.JSONL, "catalog.jsonl");
    }

    private static String error(String... lines) {
        PipelineException e = assertThrows(PipelineException.class, () -> jsonl(lines));
        assertEquals(ExitCode.USAGE, e.exitCode());
        return e.getMessage();
    }

    @Test
    void readsItemNamespaceTagsPriceAndCreatedAt() throws IOException {
        List<CatalogRow> rows = jsonl("{\"item_id\":\" sku-1 \",\"namespace\":\"home\",\"tags\":[\" A|b \",\"\",null,\"c\"],"
                + "\"price\":12.50,\"created_at\":\"2026-01-01T00:00:00Z\",\"title\":{\"nested\":true}}");

        assertEquals(List.of(new CatalogRow("sku-1", "home", List.of("A|b", "c"), new BigDecimal("12.50"),
                "2026-01-01T00:00:00Z")), rows);
    }

    @Test
    void missingOrNullOptionalKeysAreEmptyAndLinesWithoutItemIdAreSkipped() throws IOException {
        List<CatalogRow> rows = jsonl("", "{\"item_id\":\"sku-1\"}", "   ", "{\"item_id\":\"sku-2\",\"namespace\":null,"
                + "\"tags\":null,\"price\":\"12\",\"created_at\":5}", "{\"item_id\":\"  \",\"tags\":[\"x\"]}", "{\"tags\":[\"y\"]}");

        assertEquals(List.of(new CatalogRow("sku-1", "", List.of(), null, null),
                new CatalogRow("sku-2", "", List.of(), null, null)), rows);
    }

    @Test
    void aLineThatIsNotAJsonObjectFailsWithItsLineNumber() {
        assertTrue(error("{\"item_id\":\"a\"}", "{\"item_id\":").contains("catalog.jsonl line 2: not valid JSON"));
        assertTrue(error("[1]").contains("line 1: not a JSON object"));
        assertTrue(error("{\"item_id\":\"a\"} {}").contains("line 1: not valid JSON"));
    }

    @Test
    void wrongTypesFailWithTheKeyName() {
        assertTrue(error("{\"item_id\":7}").contains("line 1: \"item_id\" must be a string, got 7"));
        assertTrue(error("{\"item_id\":\"a\",\"tags\":\"x|y\"}").contains("\"tags\" must be an array of strings"));
        assertTrue(error("{\"item_id\":\"a\",\"tags\":[1]}").contains("\"tags\" must be an array of strings"));
    }
}
