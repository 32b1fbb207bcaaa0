package io.recsys.pipelines.common.storage;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.security.MessageDigest;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fs.s3a.* encryption and ACL settings as the requests of the registry's own S3 writes carry them:
 * the SDK request each setting produces, and the configuration errors (exit 2) that name the setting.
 * What a server receives is S3SettingsOnTheWireTest's (jobs).
 */
class S3ObjectSettingsTest {
    private static final String BUCKET = "registry-bucket";
    /** base64 of 32 bytes, as an SSE-C key is given. */
    private static final String CUSTOMER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private final Configuration conf = new Configuration(false);

    private S3ObjectSettings settings() {
        return S3ObjectSettings.of(new S3BucketConf(conf, BUCKET));
    }

    private PutObjectRequest put() {
        return settings().put(PutObjectRequest.builder()).build();
    }

    private PipelineException refused() {
        PipelineException e = assertThrows(PipelineException.class, this::settings);
        assertEquals(ExitCode.USAGE, e.exitCode());
        return e;
    }

    @Test
    void withoutSettingsRequestsCarryNoEncryptionAndNoAcl() {
        PutObjectRequest put = put();

        assertNull(put.serverSideEncryptionAsString());
        assertNull(put.sseCustomerAlgorithm());
        assertNull(put.aclAsString());
    }

    @Test
    void aes256IsSseS3InAnyCase() {
        conf.set("fs.s3a.encryption.algorithm", "aes256");

        assertEquals("AES256", put().serverSideEncryptionAsString());
        assertNull(put().ssekmsKeyId());
    }

    @Test
    void sseKmsCarriesItsKeyIdOrLeavesTheBucketDefaultKey() {
        conf.set("fs.s3a.encryption.algorithm", "SSE-KMS");
        assertEquals("aws:kms", put().serverSideEncryptionAsString());
        assertNull(put().ssekmsKeyId(), "no key: the bucket's default KMS key");

        conf.set("fs.s3a.encryption.key", "arn:aws:kms:eu-west-1:123456789012:key/k1");
        assertEquals("arn:aws:kms:eu-west-1:123456789012:key/k1", put().ssekmsKeyId());
    }

    @Test
    void dsseKmsIsTheDualLayerAlgorithm() {
        conf.set("fs.s3a.encryption.algorithm", "DSSE-KMS");
        conf.set("fs.s3a.encryption.key", "k2");

        assertEquals("aws:kms:dsse", put().serverSideEncryptionAsString());
        assertEquals("k2", put().ssekmsKeyId());
    }

    @Test
    void perBucketSettingsWinAndDeprecatedNamesStillCount() {
        conf.set("fs.s3a.server-side-encryption-algorithm", "AES256");
        assertEquals("AES256", put().serverSideEncryptionAsString(), "the deprecated name alone");

        conf.set("fs.s3a.bucket." + BUCKET + ".encryption.algorithm", "SSE-KMS");
        conf.set("fs.s3a.bucket." + BUCKET + ".server-side-encryption.key", "bucket-key");
        assertEquals("aws:kms", put().serverSideEncryptionAsString());
        assertEquals("bucket-key", put().ssekmsKeyId());
        assertEquals("AES256", S3ObjectSettings.of(new S3BucketConf(conf, "other")).put(PutObjectRequest.builder())
                .build().serverSideEncryptionAsString(), "another bucket keeps the general setting");
    }

    @Test
    void sseCSendsAlgorithmKeyAndKeyMd5OnPutAndOnGet() throws Exception {
        conf.set("fs.s3a.encryption.algorithm", "SSE-C");
        conf.set("fs.s3a.encryption.key", CUSTOMER_KEY);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5")
                .digest(Base64.getDecoder().decode(CUSTOMER_KEY)));

        PutObjectRequest put = put();
        GetObjectRequest get = settings().get(GetObjectRequest.builder()).build();

        assertNull(put.serverSideEncryptionAsString());
        assertEquals(java.util.List.of("AES256", CUSTOMER_KEY, md5),
                java.util.List.of(put.sseCustomerAlgorithm(), put.sseCustomerKey(), put.sseCustomerKeyMD5()));
        assertEquals(java.util.List.of("AES256", CUSTOMER_KEY, md5),
                java.util.List.of(get.sseCustomerAlgorithm(), get.sseCustomerKey(), get.sseCustomerKeyMD5()));
        assertFalse(settings().toString().contains(CUSTOMER_KEY), settings().toString());
    }

    @Test
    void readsOfOtherEncryptionsNeedNothing() {
        conf.set("fs.s3a.encryption.algorithm", "SSE-KMS");

        assertNull(settings().get(GetObjectRequest.builder()).build().sseCustomerKey());
    }

    @Test
    void clientSideEncryptionIsAConfigurationErrorNamingTheSetting() {
        conf.set("fs.s3a.encryption.algorithm", "CSE-KMS");
        conf.set("fs.s3a.encryption.key", "k1");

        String message = refused().getMessage();

        assertTrue(message.startsWith("fs.s3a.encryption.algorithm = CSE-KMS (S3 bucket " + BUCKET + ")"), message);
        assertTrue(message.contains("client-side") && message.contains("SSE-KMS"), message);
    }

    @Test
    void unknownAlgorithmsAndS3asOwnRefusalsAreConfigurationErrors() {
        conf.set("fs.s3a.bucket." + BUCKET + ".encryption.algorithm", "SSE-S3");
        assertTrue(refused().getMessage().startsWith("fs.s3a.bucket." + BUCKET + ".encryption.algorithm = SSE-S3"));
        assertTrue(refused().getMessage().contains("AES256"), "S3A spells SSE-S3 as AES256");

        conf.set("fs.s3a.bucket." + BUCKET + ".encryption.algorithm", "ROT13");
        assertTrue(refused().getMessage().contains("AES256 (SSE-S3), SSE-KMS, DSSE-KMS or SSE-C"), refused().getMessage());

        conf.set("fs.s3a.bucket." + BUCKET + ".encryption.algorithm", "AES256");
        conf.set("fs.s3a.encryption.key", "k1");
        assertTrue(refused().getMessage().contains("takes no key"), refused().getMessage());
    }

    @Test
    void sseCWithoutAUsableKeyIsRefusedWithoutShowingTheKey() {
        conf.set("fs.s3a.encryption.algorithm", "SSE-C");
        assertTrue(refused().getMessage().contains("needs its key in fs.s3a.encryption.key"), refused().getMessage());

        String shortKey = Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes());
        conf.set("fs.s3a.encryption.key", shortKey);
        String message = refused().getMessage();
        assertTrue(message.contains("decodes to 16 bytes"), message);
        assertFalse(message.contains(shortKey), message);

        conf.set("fs.s3a.encryption.key", "not base64 at all!");
        assertFalse(refused().getMessage().contains("not base64 at all"), refused().getMessage());
    }

    @Test
    void cannedAclsTakeS3asNamesAsTheHeaderValues() {
        String[][] names = {{"Private", "private"}, {"PublicRead", "public-read"}, {"PublicReadWrite", "public-read-write"},
                {"AuthenticatedRead", "authenticated-read"}, {"AwsExecRead", "aws-exec-read"},
                {"BucketOwnerRead", "bucket-owner-read"}, {"BucketOwnerFullControl", "bucket-owner-full-control"},
                {"LogDeliveryWrite", "log-delivery-write"}};
        for (String[] name : names) {
            conf.set("fs.s3a.acl.default", name[0]);
            assertEquals(name[1], put().aclAsString(), name[0]);
        }
    }

    @Test
    void anUnknownOrMisspelledAclIsAConfigurationErrorListingTheNames() {
        conf.set("fs.s3a.acl.default", "bucket-owner-full-control");

        String message = refused().getMessage();

        assertTrue(message.startsWith("fs.s3a.acl.default = bucket-owner-full-control"), message);
        assertTrue(message.contains("BucketOwnerFullControl"), message);
    }
}
