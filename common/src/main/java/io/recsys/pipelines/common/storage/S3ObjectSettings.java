package io.recsys.pipelines.common.storage;

import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.util.Optional;

/**
 * What every request of the registry's own S3 writes carries besides the object, from the settings
 * S3A applies to its writes: the encryption ({@link S3Encryption}) on each PUT and, for SSE-C, on
 * each GET; the canned ACL ({@link S3CannedAcl}) on each PUT. So a bucket policy that demands
 * SSE-KMS or bucket-owner-full-control accepts the registry's entries, pointers, records and blobs
 * as it accepts what S3A writes.
 */
record S3ObjectSettings(S3Encryption encryption, Optional<String> cannedAcl) {

    /** Throws a configuration error (exit 2) naming the setting when one is invalid. */
    static S3ObjectSettings of(S3BucketConf conf) {
        return new S3ObjectSettings(S3Encryption.of(conf), S3CannedAcl.of(conf));
    }

    PutObjectRequest.Builder put(PutObjectRequest.Builder put) {
        encryption.applyTo(put);
        cannedAcl.ifPresent(put::acl);
        return put;
    }

    GetObjectRequest.Builder get(GetObjectRequest.Builder get) {
        encryption.applyTo(get);
        return get;
    }
}
