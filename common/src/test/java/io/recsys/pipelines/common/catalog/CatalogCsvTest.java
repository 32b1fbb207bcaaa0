package io.recsys.pipelines.common.catalog;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogCsvTest {
    private static final String HEADER = "item_id,namespace,tags,price,created_at,title";

    private static List<CatalogRow> csv(String... lines) throws IOException {
        return CatalogReader.parse(new StringReader(String.join("\n", lines)), CatalogFormat.CSV, "catalog.csv");
    }

    private static String error(String... lines) {
        PipelineException e = assertThrows(PipelineException.class, () -> csv(lines));
        assertEquals(ExitCode.USAGE, e.exitCode());
        return e.getMessage();
    }

    @Test
    void readsEveryColumnOfAnItemLine() throws IOException {
        List<CatalogRow> rows = csv(HEADER, "sku-1,home,brand:stride|category:footwear,89.00,2026-01-01T00:00:00Z,Runner");

        assertEquals(List.of(new CatalogRow("sku-1", "home", List.of("brand:stride", "category:footwear"),
                new BigDecimal("89.00"), "2026-01-01T00:00:00Z")), rows);
    }

    @Test
    void tagsAreSplitOnPipeCommaAndSemicolonTrimmedAndEmptyPartsDropped() throws IOException {
        List<CatalogRow> rows = csv(HEADER, "sku-1,,\" Red | blue;;Green ,| red\",,,");

        assertEquals(List.of("Red", "blue", "Green", "red"), rows.get(0).tags());
    }

    @Test
    void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() throws IOException {
        List<CatalogRow> rows = csv(HEADER,
                "\"sku,1\",home,\"a,b\",1,,\"Mug \"\"XL\"\"",
                "second line of the title\"",
                "sku-2,home,c,2,,plain");

        assertEquals(List.of("sku,1", "sku-2"), rows.stream().map(CatalogRow::itemId).toList());
        assertEquals(List.of("a", "b"), rows.get(0).tags());
    }

    @Test
    void spacesBeforeAnOpeningQuoteAreIgnoredAndValuesAreTrimmed() throws IOException {
        List<CatalogRow> rows = csv(HEADER, "  sku-1 , \"home\", \"x,y\",  3.5 ,,t");

        assertEquals(new CatalogRow("sku-1", "home", List.of("x", "y"), new BigDecimal("3.5"), null), rows.get(0));
    }

    @Test
    void columnsAreFoundByNameInAnyOrderAndLetterCaseWithTheGoToolsAliases() throws IOException {
        List<CatalogRow> byName = csv("Title,TAGS,Item_ID", "Runner,x,sku-1");
        List<CatalogRow> aliases = csv("id,surface,tag_list,createdat", "sku-2,home,y,2026-01-01T00:00:00+02:00");

        assertEquals(new CatalogRow("sku-1", "", List.of("x"), null, null), byName.get(0));
        assertEquals(new CatalogRow("sku-2", "home", List.of("y"), null, "2026-01-01T00:00:00+02:00"), aliases.get(0));
    }

    @Test
    void crlfLineEndingsBlankLinesAndAByteOrderMarkAreAccepted() throws IOException {
        List<CatalogRow> rows = CatalogReader.parse(new StringReader(
                "\uFEFFitem_id,tags\r\n\r\nsku-1,\"a\r\nb\"\r\n   \r\nsku-2,c\r\n\r\n"), CatalogFormat.CSV, "catalog.csv");

        assertEquals(List.of(new CatalogRow("sku-1", "", List.of("a\nb"), null, null),
                new CatalogRow("sku-2", "", List.of("c"), null, null)), rows);
    }

    @Test
    void linesWithoutAnItemIdAreNotRows() throws IOException {
        assertEquals(List.of("sku-2"), csv(HEADER, " ,home,x,,,", "sku-2,home,x,,,").stream().map(CatalogRow::itemId).toList());
    }

    @Test
    void aPriceOrCreatedAtThatDoesNotParseIsReadAsAbsent() throws IOException {
        CatalogRow row = csv(HEADER, "sku-1,home,x,12 EUR,yesterday,t").get(0);

        assertNull(row.price());
        assertNull(row.createdAt());
    }

    @Test
    void aLineWithAnotherFieldCountThanTheHeaderNamesItsLine() {
        String message = error(HEADER, "sku-1,home,x,1,,t", "sku-2,home,a,b,c,1,,t");

        assertTrue(message.contains("catalog.csv line 3: 8 fields where the header has 6"), message);
    }

    @Test
    void aStrayQuoteIsAnErrorNotAGuess() {
        assertTrue(error(HEADER, "sku-1,home,say \"hi\",1,,t").contains("line 2: a double quote inside an unquoted field"));
        assertTrue(error(HEADER, "sku-1,home,\"x\"y,1,,t").contains("line 2: text after the closing double quote"));
        assertTrue(error(HEADER, "sku-1,home,\"x,1,,t", "sku-2").contains("line 2: a quoted field is not closed"));
    }

    @Test
    void aHeaderWithoutItemIdOrAnEmptyFileIsAnError() {
        assertTrue(error("sku,tags", "a,b").contains("line 1: the header [sku, tags] has no item_id column"));
        assertTrue(error("", " ").contains("catalog catalog.csv is empty"));
    }
}
