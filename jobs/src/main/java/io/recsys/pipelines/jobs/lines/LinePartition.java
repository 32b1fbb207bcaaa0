package io.recsys.pipelines.jobs.lines;

import org.apache.spark.sql.connector.read.InputPartition;

import java.util.List;

/** One task of a read: the splits it reads, in order. */
record LinePartition(List<LineSplit> splits) implements InputPartition {
    LinePartition {
        splits = List.copyOf(splits);
    }
}
