package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ContentSimPayload;
import io.recsys.pipelines.common.artifact.ItemTags;
import io.recsys.pipelines.common.catalog.CatalogReader;
import io.recsys.pipelines.common.catalog.CatalogRow;
import io.recsys.pipelines.common.pair.TenantSurface;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ContentSimBuilderTest {
    @TempDir
    Path tmp;

    private static CatalogRow item(String itemId, String namespace, String... tags) {
        return new CatalogRow(itemId, namespace, List.of(tags), null, null);
    }

    @Test
    void keepsRowsWithoutNamespaceAndRowsOfTheSurfaceOnly() {
        List<CatalogRow> catalog = List.of(item("all", "", "x"), item("home-only", "home", "x"),
                item("search-only", "search", "x"));

        assertEquals("all[x] home-only[x]", Rendered.contentSim(ContentSimBuilder.forSurface(catalog, "home")));
        assertEquals("all[x] search-only[x]", Rendered.contentSim(ContentSimBuilder.forSurface(catalog, "search")));
    }

    @Test
    void tagsAreTrimmedLowerCasedAndDeduplicatedInFirstSeenOrder() {
        List<CatalogRow> catalog = List.of(item("A", "", " Red ", "blue", "RED", "\u00A0", "Blue", "ΟΔΟΣ"));

        assertEquals("A[red,blue,οδοσ]", Rendered.contentSim(ContentSimBuilder.forSurface(catalog, "home")));
    }

    @Test
    void rowsLeftWithoutTagsAreDropped() {
        List<CatalogRow> catalog = List.of(item("none", ""), item("blank", "", " ", ""), item("tagged", "", "t"));

        assertEquals("tagged[t]", Rendered.contentSim(ContentSimBuilder.forSurface(catalog, "home")));
    }

    @Test
    void anItemListedTwiceForASurfaceKeepsItsFirstKeptRow() {
        List<CatalogRow> catalog = List.of(item("A", "search", "other-surface"), item("A", "home", "untagged-first"),
                item("A", "", "first"), item("A", "home", "second"));

        assertEquals("A[untagged-first]", Rendered.contentSim(ContentSimBuilder.forSurface(catalog, "home")));
        assertEquals("A[other-surface]", Rendered.contentSim(ContentSimBuilder.forSurface(catalog, "search")));
    }

    @Test
    void itemsAreSortedByUtf8BytesOfTheirIds() {
        List<String> ids = List.of("\uD83D\uDE00", "\uE000", "é", "b", "a", "B", "a1");
        List<CatalogRow> catalog = ids.stream().map(id -> item(id, "", "t")).toList();

        List<String> sorted = ContentSimBuilder.forSurface(catalog, "home").items().stream().map(ItemTags::itemId).toList();

        // UTF-16 order (String.compareTo) would put the emoji before U+E000.
        assertEquals(List.of("B", "a", "a1", "b", "é", "\uE000", "\uD83D\uDE00"), sorted);
    }

    @Test
    void everyPairGetsThePayloadOfItsSurface() {
        List<CatalogRow> catalog = List.of(item("A", "home", "x"), item("B", "search", "y"));
        TenantSurface t1Home = new TenantSurface("t1", "home");
        TenantSurface t2Home = new TenantSurface("t2", "home");
        TenantSurface t1Search = new TenantSurface("t1", "search");

        Map<TenantSurface, ContentSimPayload> payloads = ContentSimBuilder.build(catalog, List.of(t1Home, t2Home, t1Search));

        assertEquals("A[x]", Rendered.contentSim(payloads.get(t1Home)));
        assertSame(payloads.get(t1Home), payloads.get(t2Home));
        assertEquals("B[y]", Rendered.contentSim(payloads.get(t1Search)));
    }

    @Test
    void catalogFileIsReadThroughHadoopAndBuiltIntoTheArtifact() throws Exception {
        Path csv = tmp.resolve("catalog.csv");
        Files.writeString(csv, String.join("\r\n",
                "item_id,namespace,tags,price,created_at,title",
                "sku-2,home,\"Brand:X, Sale;sale\",12.50,2026-01-01T00:00:00Z,\"Mug, \"\"large\"\"\"",
                "sku-1,,cat:a|cat:b,,,Plain",
                "sku-3,search,cat:c,1,,Elsewhere", ""), StandardCharsets.UTF_8);

        List<CatalogRow> catalog = CatalogReader.read(csv.toUri().toString(), "", new Configuration());

        assertEquals("sku-1[cat:a,cat:b] sku-2[brand:x,sale]", Rendered.contentSim(ContentSimBuilder.forSurface(catalog, "home")));
    }

    @Test
    void versionDoesNotDependOnCatalogRowOrder() {
        List<CatalogRow> catalog = List.of(item("b", "", "x", "y"), item("a", "home", "z"), item("c", "", "w"));
        List<CatalogRow> reversed = new ArrayList<>(catalog);
        java.util.Collections.reverse(reversed);

        assertEquals(Exposures.version(ArtifactKind.CONTENT_SIM, ContentSimBuilder.forSurface(catalog, "home")),
                Exposures.version(ArtifactKind.CONTENT_SIM, ContentSimBuilder.forSurface(reversed, "home")));
    }
}
