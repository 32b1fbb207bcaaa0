package io.recsys.pipelines.common.storage;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import org.apache.hadoop.conf.Configuration;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Once per run or writing manifest command, before anything is written: on every S3 bucket that
 * holds a table, the registry or its blobs, a create-only PUT of a probe object must succeed and a
 * second one, with other bytes, must be refused. Concurrent writers are safe only because Delta
 * commits, history entries, pointers and blobs are such PUTs; a server that ignores
 * {@code If-None-Match} would turn each into an overwrite, and two racing writers would silently lose
 * one's commit. Then the command stops (exit 7) unless the operator declared a single writer
 * ({@code storage.single_writer}).
 */
public final class ConditionalWriteProbe {
    public static final String FOLDER = "_write_probe";

    private ConditionalWriteProbe() {
    }

    /** @param roots storage roots of any scheme (blank ones are skipped); only s3/s3a buckets are probed */
    public static void check(Collection<String> roots, boolean singleWriter, Configuration conf, String probeId) {
        if (singleWriter) {
            return;
        }
        Map<String, Location> byBucket = new LinkedHashMap<>();
        for (String root : roots) {
            if (root.isBlank()) {
                continue;
            }
            Location location = Location.of(root);
            if ("s3a".equals(location.scheme()) || "s3".equals(location.scheme())) {
                byBucket.putIfAbsent(location.authority(), location);
            }
        }
        S3ConditionalWrites puts = new S3ConditionalWrites(conf);
        for (Location root : byBucket.values()) {
            Location probe = root.child(FOLDER).child(probeId);
            // The PUTs themselves, without the store's "exists?" shortcut, which would answer the second
            // one without asking the server. The second differs from the first: a refused create that
            // finds its own bytes counts as its own landed write, which would hide a server that overwrites.
            boolean first = puts.create(probe, bytes(probeId, 1));
            boolean second = puts.create(probe, bytes(probeId, 2));
            puts.delete(probe);
            if (!first || second) {
                throw new PipelineException(ExitCode.STORAGE, "the S3 server of " + root + " does not honour "
                        + "conditional writes (a create-only PUT with If-None-Match: * " + (first ? "overwrote an "
                        + "existing object" : "was refused for a new key") + "): concurrent writers could silently "
                        + "lose table commits and registry entries, so nothing was written. Use a server with "
                        + "conditional writes (S3, MinIO), or, if only one driver or command ever writes these "
                        + "tables and this registry at a time, set storage.single_writer = true.");
            }
        }
    }

    private static byte[] bytes(String probeId, int attempt) {
        return ("{\"probe\":\"" + probeId + "\",\"put\":" + attempt + "}").getBytes(StandardCharsets.UTF_8);
    }
}
