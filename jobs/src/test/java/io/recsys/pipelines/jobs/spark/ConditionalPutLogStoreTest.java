package io.recsys.pipelines.jobs.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The sessions' s3a log store creates a log entry once and lets checkpoints be rewritten. */
class ConditionalPutLogStoreTest {
    @TempDir
    java.nio.file.Path tmp;

    @Test
    void aLogEntryIsCreatedOnceAndASecondWriterGetsFileAlreadyExists() throws Exception {
        Configuration conf = new Configuration();
        ConditionalPutLogStore store = new ConditionalPutLogStore(conf);
        Path entry = new Path(tmp.toUri().toString(), "_delta_log/00000000000000000000.json");

        store.write(entry, List.of("{\"a\":1}", "{\"b\":2}").iterator(), false, conf);
        assertThrows(FileAlreadyExistsException.class,
                () -> store.write(entry, List.of("{\"lost\":1}").iterator(), false, conf));
        assertEquals("{\"a\":1}\n{\"b\":2}\n", Files.readString(tmp.resolve("_delta_log/00000000000000000000.json")));

        // The same entry written again (a PUT that landed, retried after its answer was lost) is this write's own.
        store.write(entry, List.of("{\"a\":1}", "{\"b\":2}").iterator(), false, conf);

        store.write(entry, List.of("{\"c\":3}").iterator(), true, conf);
        assertEquals("{\"c\":3}\n", Files.readString(tmp.resolve("_delta_log/00000000000000000000.json")));
    }
}
