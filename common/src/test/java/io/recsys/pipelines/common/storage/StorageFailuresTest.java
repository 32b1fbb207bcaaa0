package io.recsys.pipelines.common.storage;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storage failures exit 7 and say where: path, endpoint and bucket; never the keys. */
class StorageFailuresTest {
    private final Configuration conf = new Configuration(false);

    StorageFailuresTest() {
        conf.set("fs.s3a.endpoint", "http://minio:9000");
        conf.set("fs.s3a.secret.key", "s3cr3t-value");
    }

    @Test
    void anS3FailureNamesEndpointAndBucket() {
        PipelineException e = StorageFailures.of("read", new Path("s3a://recsys-artifacts/registry/x.json"), conf,
                new AccessDeniedException("s3a://recsys-artifacts/registry/x.json: 403 Forbidden"));

        assertEquals(ExitCode.STORAGE, e.exitCode());
        assertTrue(e.getMessage().contains("S3 endpoint http://minio:9000, bucket recsys-artifacts"), e.getMessage());
    }

    @Test
    void aPerBucketEndpointWins() {
        conf.set("fs.s3a.bucket.other.endpoint", "http://other:9000");

        assertEquals(" (S3 endpoint http://other:9000, bucket other)", StorageFailures.where(Location.parse("s3a://other/k"), conf));
    }

    @Test
    void anS3FailureInsideASparkJobIsFoundThroughTheCauseChain() {
        RuntimeException sparkFailure = new RuntimeException("Job aborted due to stage failure",
                new IOException("getFileStatus on s3a://recsys-artifacts/canonical/exposures: Connection refused"));

        RuntimeException mapped = StorageFailures.ofIfS3(sparkFailure, conf);

        PipelineException e = (PipelineException) mapped;
        assertEquals(ExitCode.STORAGE, e.exitCode());
        assertTrue(e.getMessage().contains("cannot access s3a://recsys-artifacts/canonical/exposures (S3 endpoint"),
                e.getMessage());
    }

    @Test
    void failuresThatAreNotStorageOrAlreadyMappedPassUnchanged() {
        RuntimeException bug = new IllegalStateException("a bug");
        RuntimeException ours = new RuntimeException(PipelineException.usage("bad key"));

        assertSame(bug, StorageFailures.ofIfS3(bug, conf));
        assertSame(ours, StorageFailures.ofIfStorage("write", new Path("s3a://b/t"), conf, ours));
    }

    @Test
    void keysAreRedactedShouldAMessageEverCarryThem() {
        PipelineException e = StorageFailures.of("read", new Path("s3a://b/k"), conf,
                new IOException("signature for s3cr3t-value does not match"));

        assertFalse(e.getMessage().contains("s3cr3t-value"), e.getMessage());
    }

    @Test
    void sseKeysSessionTokensAndPerBucketKeysAreRedactedToo() {
        conf.set("fs.s3a.encryption.key", "c3NlLWMta2V5");
        conf.set("fs.s3a.session.token", "session-token-value");
        conf.set("fs.s3a.bucket.b.secret.key", "bucket-secret-value");
        PipelineException e = StorageFailures.of("read", new Path("s3a://b/k"), conf, new IOException(
                "key c3NlLWMta2V5 token session-token-value bucket bucket-secret-value at http://u:pw1234@proxy:8080"));

        for (String secret : new String[]{"c3NlLWMta2V5", "session-token-value", "bucket-secret-value", "pw1234"}) {
            assertFalse(e.getMessage().contains(secret), e.getMessage());
        }
    }
}
