package io.recsys.pipelines.jobs.lines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one read is told, as the string options a Spark data source receives: the files with their
 * listed sizes, the line limit and the split sizes.
 */
record LineReadOptions(Map<String, Long> files, int maxLineBytes, SplitSizes sizes) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILES = "files";
    private static final String MAX_LINE_BYTES = "max_line_bytes";
    private static final String MAX_PARTITION_BYTES = "max_partition_bytes";
    private static final String OPEN_COST_BYTES = "open_cost_bytes";
    private static final String MIN_PARTITIONS = "min_partitions";

    Map<String, String> toOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        try {
            options.put(FILES, JSON.writeValueAsString(files));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the file list", e);
        }
        options.put(MAX_LINE_BYTES, Integer.toString(maxLineBytes));
        options.put(MAX_PARTITION_BYTES, Long.toString(sizes.maxPartitionBytes()));
        options.put(OPEN_COST_BYTES, Long.toString(sizes.openCostBytes()));
        options.put(MIN_PARTITIONS, Integer.toString(sizes.minPartitions()));
        return options;
    }

    /** {@code options}: as Spark hands them to the source (its map is case-insensitive; these keys are lower case). */
    static LineReadOptions from(Map<String, String> options) {
        Map<String, Long> files;
        try {
            files = JSON.readValue(required(options, FILES), new TypeReference<LinkedHashMap<String, Long>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad '" + FILES + "' option of the raw line source", e);
        }
        return new LineReadOptions(files, Integer.parseInt(required(options, MAX_LINE_BYTES)),
                new SplitSizes(Long.parseLong(required(options, MAX_PARTITION_BYTES)),
                        Long.parseLong(required(options, OPEN_COST_BYTES)),
                        Integer.parseInt(required(options, MIN_PARTITIONS))));
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the raw line source needs the option '" + key + "'");
        }
        return value;
    }
}
