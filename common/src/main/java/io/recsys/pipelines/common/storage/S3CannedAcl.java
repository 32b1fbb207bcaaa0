package io.recsys.pipelines.common.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The canned ACL of {@code fs.s3a.acl.default} as the {@code x-amz-acl} value S3 takes. The names are
 * S3A's, case-sensitive as S3A parses them (Hadoop 3.3 by the SDK v1 enum, 3.4 by its own, the same
 * eight names); AwsExecRead is among them although core-default.xml does not list it.
 */
final class S3CannedAcl {
    private static final Map<String, String> HEADER_VALUES = new LinkedHashMap<>();

    static {
        HEADER_VALUES.put("Private", "private");
        HEADER_VALUES.put("PublicRead", "public-read");
        HEADER_VALUES.put("PublicReadWrite", "public-read-write");
        HEADER_VALUES.put("AuthenticatedRead", "authenticated-read");
        HEADER_VALUES.put("AwsExecRead", "aws-exec-read");
        HEADER_VALUES.put("BucketOwnerRead", "bucket-owner-read");
        HEADER_VALUES.put("BucketOwnerFullControl", "bucket-owner-full-control");
        HEADER_VALUES.put("LogDeliveryWrite", "log-delivery-write");
    }

    private S3CannedAcl() {
    }

    /** Empty when unset: S3's default (the bucket owner's ACL or none, as the bucket's ownership rule says). */
    static Optional<String> of(S3BucketConf conf) {
        String name = conf.get("acl.default");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String header = HEADER_VALUES.get(name);
        if (header == null) {
            throw conf.invalid("acl.default", name, "is not a canned ACL S3A knows (names are case-sensitive): "
                    + String.join(", ", HEADER_VALUES.keySet()));
        }
        return Optional.of(header);
    }
}
