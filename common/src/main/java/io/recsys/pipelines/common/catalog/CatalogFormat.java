package io.recsys.pipelines.common.catalog;

import io.recsys.pipelines.common.errors.PipelineException;

import java.util.Locale;

/** The two catalog file formats, told apart by the file name's extension. */
public enum CatalogFormat {
    /** A header line {@code item_id,namespace,tags,...}, then one RFC 4180 record per item. */
    CSV,
    /** One JSON object per line with {@code item_id}, {@code namespace} and a {@code tags} array. */
    JSONL;

    /**
     * The configured {@code catalog.format} ({@code csv} or {@code jsonl}, any letter case), or when
     * that is empty the format the file name's extension says ({@link #infer}).
     */
    public static CatalogFormat resolve(String configured, String fileName) {
        return switch (configured.trim().toLowerCase(Locale.ROOT)) {
            case "" -> infer(fileName);
            case "csv" -> CSV;
            case "jsonl" -> JSONL;
            default -> throw PipelineException.usage("catalog.format must be csv, jsonl or empty (inferred from the "
                    + "file name), got '" + configured + "'");
        };
    }

    /** {@code .csv}, or {@code .jsonl} / {@code .json}, in any letter case. */
    public static CatalogFormat infer(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            return JSONL;
        }
        throw PipelineException.usage("catalog file '" + fileName + "' has an unknown format: "
                + "name it *.csv (header item_id,namespace,tags,...) or *.jsonl / *.json (one JSON object per line)");
    }
}
