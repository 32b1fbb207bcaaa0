package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.HadoopObjectStore;
import io.recsys.pipelines.common.storage.Location;
import org.apache.hadoop.conf.Configuration;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Once per run, before anything is written: on every S3 bucket that holds a table or the registry,
 * a create-only PUT of a probe object must succeed and a second one must be refused. Concurrent
 * drivers are safe only because Delta commits ({@link io.recsys.pipelines.jobs.spark.ConditionalPutLogStore}) and registry entries
 * are such PUTs; a server that ignores {@code If-None-Match} would turn each into an overwrite, and
 * two racing drivers would silently lose a commit. Then the run stops (exit 7) unless the operator
 * declared a single writer ({@code storage.single_writer}).
 */
public final class ConditionalWriteProbe {
    static final String FOLDER = "_write_probe";

    private ConditionalWriteProbe() {
    }

    public static void check(PipelineConfig config, Configuration conf, String runId) {
        if (config.storage().singleWriter()) {
            return;
        }
        Map<String, Location> byBucket = new LinkedHashMap<>();
        for (String root : List.of(config.storage().canonical(), config.storage().aggregates(),
                config.storage().registry())) {
            Location location = Location.of(root);
            if ("s3a".equals(location.scheme()) || "s3".equals(location.scheme())) {
                byBucket.putIfAbsent(location.authority(), location);
            }
        }
        HadoopObjectStore store = new HadoopObjectStore(conf);
        for (Location root : byBucket.values()) {
            Location probe = root.child(FOLDER).child(runId);
            byte[] bytes = ("{\"run_id\":\"" + runId + "\"}").getBytes(StandardCharsets.UTF_8);
            boolean first = io.recsys.pipelines.jobs.spark.ConditionalPutLogStore.createdOnce(store, probe, bytes);
            boolean second = store.create(probe, bytes);
            store.delete(probe);
            if (!first || second) {
                throw new PipelineException(ExitCode.STORAGE, "the S3 server of " + root + " does not honour "
                        + "conditional writes (a create-only PUT with If-None-Match: * " + (first ? "overwrote an "
                        + "existing object" : "was refused for a new key") + "): concurrent drivers could silently lose "
                        + "table commits and registry entries, so nothing was written. Use a server with conditional "
                        + "writes (S3, MinIO), or, if only one driver ever writes these tables and this registry at "
                        + "a time, set storage.single_writer = true.");
            }
        }
    }
}
