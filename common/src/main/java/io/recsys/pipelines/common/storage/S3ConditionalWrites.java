package io.recsys.pipelines.common.storage;

import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's conditional writes on S3, as single PUTs through the AWS SDK: create-only with
 * {@code If-None-Match: *} and compare-and-swap with {@code If-Match: <ETag>}. S3 and MinIO
 * evaluate both atomically, so of two racing writers exactly one succeeds; the loser gets 412.
 * Done here rather than through S3A because S3A offers conditional creates only from Hadoop 3.4.2
 * on (older versions reject the option), and a cluster brings the Hadoop it brings. Each request
 * carries the encryption and ACL S3A would give it ({@link S3ObjectSettings}).
 */
final class S3ConditionalWrites {
    /** 409 ConditionalRequestConflict: another conditional write of the key was in flight. */
    private static final int IN_FLIGHT_ATTEMPTS = 4;

    private final Configuration conf;
    /** Per bucket, read once: settings come through getPassword, which may open a credential store. */
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private record Bucket(S3Client client, S3ObjectSettings objects) {
    }

    S3ConditionalWrites(Configuration conf) {
        this.conf = conf;
    }

    /** Throws a configuration error (exit 2) naming the setting if the SDK cannot honour the bucket's fs.s3a.* settings. */
    void requireValidSettings(String bucket) {
        bucket(bucket);
    }

    Optional<ObjectStore.Versioned> read(Location path) {
        Bucket bucket = bucket(path);
        try {
            ResponseBytes<GetObjectResponse> object = bucket.client().getObjectAsBytes(
                    bucket.objects().get(GetObjectRequest.builder().bucket(path.authority()).key(key(path))).build());
            return Optional.of(new ObjectStore.Versioned(object.asByteArray(), object.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw StorageFailures.of("read", path, conf, e);
        }
    }

    /**
     * True if written; false if an object was there (or appeared first in a race). A refused PUT
     * whose object holds exactly {@code bytes} counts as written: it was this write, retried by the
     * SDK after its answer was lost (or a byte-identical object, which is the same outcome).
     */
    boolean create(Location path, byte[] bytes) {
        return put(path, bytes, PutObjectRequest.builder().ifNoneMatch("*"), "create", null);
    }

    /**
     * True if written; false if the object is no longer the version {@code etag} names, or is gone.
     * As for {@link #create}, a refusal of a PUT that already landed (the object holds our bytes) is true.
     */
    boolean replaceIfMatch(Location path, byte[] bytes, String etag) {
        return put(path, bytes, PutObjectRequest.builder().ifMatch(etag), "replace", etag);
    }

    /** @param etag the version a replace expects; null for a create */
    private boolean put(Location path, byte[] bytes, PutObjectRequest.Builder request, String action, String etag) {
        Bucket bucket = bucket(path);
        bucket.objects().put(request.bucket(path.authority()).key(key(path)).contentType("application/json"));
        for (int attempt = 1; ; attempt++) {
            try {
                bucket.client().putObject(request.build(), RequestBody.fromBytes(bytes));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    return holds(path, bytes);
                }
                if (e instanceof NoSuchKeyException || isNoSuchKey(e)) {
                    return false;
                }
                if (e.statusCode() != 409 || attempt >= IN_FLIGHT_ATTEMPTS) {
                    throw StorageFailures.of(action, path, conf, e);
                }
                pause(attempt);
            } catch (SdkException e) {
                // A server may answer 412 before it has read the body, and the HTTP client then reports a
                // broken write instead of the answer; the object itself says how the write ended.
                if (attempt >= IN_FLIGHT_ATTEMPTS) {
                    throw StorageFailures.of(action, path, conf, e);
                }
                Optional<Boolean> settled = settledBy(path, bytes, etag);
                if (settled.isPresent()) {
                    return settled.get();
                }
                pause(attempt);
            }
        }
    }

    /** Deletes one object, and only it: S3A's delete would leave a marker of its emptied parent folder. */
    void delete(Location path) {
        try {
            bucket(path).client().deleteObject(b -> b.bucket(path.authority()).key(key(path)));
        } catch (SdkException e) {
            throw StorageFailures.of("delete", path, conf, e);
        }
    }

    /**
     * After a 412: the SDK retries a PUT whose answer was lost, and the retry of a PUT that landed is
     * refused by its own object. Another writer's object does not hold the same bytes where it
     * matters (history entries and Delta commits name their run and time); where two writers can
     * write the very same bytes (a blob, a pointer to the same manifest), either one's object is the
     * outcome both wanted. The Delta log store's {@code createdOnce} reads back the same way.
     */
    private boolean holds(Location path, byte[] bytes) {
        return read(path).map(now -> Arrays.equals(now.bytes(), bytes)).orElse(false);
    }

    /**
     * After a write whose answer was lost: true if the object now holds {@code bytes}, false if it is
     * another object than the one a create or a replace expected (the condition failed), empty when the
     * expected state is still there (the write did not happen: try again).
     */
    private Optional<Boolean> settledBy(Location path, byte[] bytes, String etag) {
        Optional<ObjectStore.Versioned> now = read(path);
        if (now.isPresent() && Arrays.equals(now.get().bytes(), bytes)) {
            return Optional.of(true);
        }
        boolean unchanged = etag == null ? now.isEmpty() : now.isPresent() && etag.equals(now.get().tag());
        return unchanged ? Optional.empty() : Optional.of(false);
    }

    /** If-Match on a key that is gone: 404 NoSuchKey (a missing bucket is a 404 too, and an error). */
    private static boolean isNoSuchKey(S3Exception e) {
        return e.statusCode() == 404 && e.awsErrorDetails() != null
                && "NoSuchKey".equals(e.awsErrorDetails().errorCode());
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a conditional write", e);
        }
    }

    private Bucket bucket(Location path) {
        return bucket(path.authority());
    }

    private Bucket bucket(String name) {
        return buckets.computeIfAbsent(name, b -> new Bucket(S3Clients.forBucket(b, conf),
                S3ObjectSettings.of(new S3BucketConf(conf, b))));
    }

    private static String key(Location path) {
        return path.path().substring(1);
    }
}
