package io.recsys.pipelines.common.storage;

import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * Server-side encryption of the objects the registry writes through the SDK, from the settings S3A
 * reads for its own writes, with S3A's names (case-insensitive): {@code fs.s3a.encryption.algorithm}
 * (or the deprecated {@code fs.s3a.server-side-encryption-algorithm}) and {@code fs.s3a.encryption.key}
 * (or {@code fs.s3a.server-side-encryption.key}), per bucket first, both through getPassword as S3A.
 *
 * @param key       the KMS key for SSE-KMS and DSSE-KMS ("" = the bucket's default key), the base64 key for SSE-C
 * @param customerKeyMd5 for SSE-C, the base64 MD5 of the decoded key, which S3 checks the key against
 */
record S3Encryption(Method method, String key, String customerKeyMd5) {
    static final S3Encryption NONE = new S3Encryption(Method.NONE, "", "");
    /** SSE-C keys are AES-256 keys. */
    private static final int CUSTOMER_KEY_BYTES = 32;

    enum Method {
        NONE, SSE_S3, SSE_KMS, DSSE_KMS, SSE_C
    }

    static S3Encryption of(S3BucketConf conf) {
        S3BucketConf.Setting algorithm = conf.secret("encryption.algorithm", "server-side-encryption-algorithm");
        S3BucketConf.Setting key = conf.secret("encryption.key", "server-side-encryption.key");
        return switch (algorithm.value().toUpperCase(Locale.ROOT)) {
            case "" -> NONE;
            case "AES256" -> {
                if (!key.isEmpty()) {
                    throw conf.invalid(algorithm, "(SSE-S3) takes no key, but " + key.key() + " is set (S3A refuses "
                            + "this too): remove the key, or use SSE-KMS or SSE-C");
                }
                yield new S3Encryption(Method.SSE_S3, "", "");
            }
            case "SSE-KMS" -> new S3Encryption(Method.SSE_KMS, key.value(), "");
            case "DSSE-KMS" -> new S3Encryption(Method.DSSE_KMS, key.value(), "");
            case "SSE-C" -> customerKey(conf, algorithm, key);
            case "SSE-S3" -> throw conf.invalid(algorithm, "is spelled AES256 in S3A's settings (S3A refuses SSE-S3): "
                    + "set it to AES256 for S3-managed keys");
            case "CSE-KMS", "CSE-CUSTOM" -> throw conf.invalid(algorithm, "is client-side encryption, which the "
                    + "registry's own writes (AWS SDK, not S3A) cannot do: S3A could not read what they wrote. Use "
                    + "SSE-KMS (or DSSE-KMS) for the buckets of the registry, the object store and the tables");
            default -> throw conf.invalid(algorithm, "is not an encryption algorithm S3A knows: use AES256 (SSE-S3), "
                    + "SSE-KMS, DSSE-KMS or SSE-C, or leave it empty");
        };
    }

    private static S3Encryption customerKey(S3BucketConf conf, S3BucketConf.Setting algorithm, S3BucketConf.Setting key) {
        if (key.isEmpty()) {
            throw conf.invalid(algorithm, "needs its key in fs.s3a.encryption.key (base64 of "
                    + CUSTOMER_KEY_BYTES + " bytes), which is not set");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(key.value());
        } catch (IllegalArgumentException e) {
            throw conf.invalidSecret(key, "is not base64: an SSE-C key is base64 of " + CUSTOMER_KEY_BYTES + " bytes");
        }
        if (decoded.length != CUSTOMER_KEY_BYTES) {
            throw conf.invalidSecret(key, "decodes to " + decoded.length + " bytes: an SSE-C key is base64 of "
                    + CUSTOMER_KEY_BYTES + " bytes (AES-256)");
        }
        return new S3Encryption(Method.SSE_C, key.value(), Base64.getEncoder().encodeToString(md5(decoded)));
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    void applyTo(PutObjectRequest.Builder put) {
        switch (method) {
            case NONE -> {
            }
            case SSE_S3 -> put.serverSideEncryption(ServerSideEncryption.AES256);
            case SSE_KMS -> put.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyOrNull());
            case DSSE_KMS -> put.serverSideEncryption(ServerSideEncryption.AWS_KMS_DSSE).ssekmsKeyId(kmsKeyOrNull());
            case SSE_C -> put.sseCustomerAlgorithm(ServerSideEncryption.AES256.toString()).sseCustomerKey(key)
                    .sseCustomerKeyMD5(customerKeyMd5);
        }
    }

    /** Only SSE-C changes a read: S3 refuses to return such an object without its key. */
    void applyTo(GetObjectRequest.Builder get) {
        if (method == Method.SSE_C) {
            get.sseCustomerAlgorithm(ServerSideEncryption.AES256.toString()).sseCustomerKey(key)
                    .sseCustomerKeyMD5(customerKeyMd5);
        }
    }

    private String kmsKeyOrNull() {
        return key.isEmpty() ? null : key;
    }

    /** The method and a KMS key id (not a secret: it names a key); never an SSE-C key. */
    @Override
    public String toString() {
        return switch (method) {
            case SSE_KMS, DSSE_KMS -> method + (key.isEmpty() ? " (bucket default key)" : " " + key);
            case SSE_C -> method + " (key not shown)";
            default -> method.toString();
        };
    }
}
