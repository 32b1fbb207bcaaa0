package io.recsys.pipelines.common.catalog;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogReaderTest {
    @TempDir
    Path tmp;

    private Path write(String name, String content) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void theFormatFollowsTheExtensionInAnyLetterCase() throws Exception {
        Path csv = write("items.CSV", "item_id,tags\nsku-1,a|b\n");
        Path jsonl = write("items.jsonl", "{\"item_id\":\"sku-2\",\"tags\":[\"c\"]}\n");
        Path json = write("items.json", "{\"item_id\":\"sku-3\",\"tags\":[\"d\"]}\n");
        Configuration conf = new Configuration();

        assertEquals(List.of("a", "b"), CatalogReader.read(csv.toString(), "", conf).get(0).tags());
        assertEquals("sku-2", CatalogReader.read(jsonl.toUri().toString(), "", conf).get(0).itemId());
        assertEquals("sku-3", CatalogReader.read(json.toString(), "", conf).get(0).itemId());
    }

    @Test
    void aConfiguredFormatWinsOverTheExtension() throws Exception {
        Path file = write("items.txt", "{\"item_id\":\"sku-1\",\"tags\":[\"c\"]}\n");

        assertEquals("sku-1", CatalogReader.read(file.toString(), "JSONL", new Configuration()).get(0).itemId());
    }

    @Test
    void anUnknownExtensionOrFormatIsAUsageErrorThatSaysWhatWorks() throws Exception {
        Path file = write("items.txt", "item_id\n");

        PipelineException unknownExtension = assertThrows(PipelineException.class,
                () -> CatalogReader.read(file.toString(), "", new Configuration()));
        PipelineException unknownFormat = assertThrows(PipelineException.class,
                () -> CatalogReader.read(file.toString(), "xml", new Configuration()));

        assertEquals(ExitCode.USAGE, unknownExtension.exitCode());
        assertTrue(unknownExtension.getMessage().contains("'items.txt' has an unknown format: name it *.csv"),
                unknownExtension.getMessage());
        assertEquals(ExitCode.USAGE, unknownFormat.exitCode());
        assertTrue(unknownFormat.getMessage().contains("catalog.format must be csv, jsonl or empty"));
    }

    @Test
    void aMissingFileIsAUsageErrorNamingThePath() {
        Path missing = tmp.resolve("nope.csv");

        PipelineException e = assertThrows(PipelineException.class,
                () -> CatalogReader.read(missing.toString(), "", new Configuration()));

        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("set catalog.path"), e.getMessage());
    }
}
