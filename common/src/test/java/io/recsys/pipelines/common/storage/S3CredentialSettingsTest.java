package io.recsys.pipelines.common.storage;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fs.s3a.aws.credentials.provider for the registry's own S3 requests: which provider each name
 * builds, in which order, what stays as before without the setting, and the configuration errors.
 * STS and the S3 requests themselves are S3SettingsOnTheWireTest's (jobs).
 */
class S3CredentialSettingsTest {
    private static final String BUCKET = "registry-bucket";
    private static final String HADOOP = "org.apache.hadoop.fs.s3a.";

    /** With core-default.xml, which gives fs.s3a.aws.credentials.provider a value nobody chose. */
    private final Configuration conf = new Configuration();

    private S3BucketConf bucket() {
        return new S3BucketConf(conf, BUCKET);
    }

    private S3CredentialSettings settings() {
        return S3CredentialSettings.of(bucket());
    }

    private AwsCredentials resolved() {
        return S3CredentialProviders.of(settings(), bucket()).resolveCredentials();
    }

    private PipelineException refused() {
        PipelineException e = assertThrows(PipelineException.class, this::settings);
        assertEquals(ExitCode.USAGE, e.exitCode());
        return e;
    }

    @Test
    void withoutTheSettingKeysIfSetElseTheSdksDefaultChainAsBefore() {
        assertEquals(List.of(), settings().providers(), "core-default.xml's list is not a choice");
        assertInstanceOf(DefaultCredentialsProvider.class, S3CredentialProviders.of(settings(), bucket()));

        conf.set("fs.s3a.access.key", "AKID");
        conf.set("fs.s3a.secret.key", "SECRET");
        assertEquals(AwsBasicCredentials.create("AKID", "SECRET"), resolved());

        conf.set("fs.s3a.session.token", "TOKEN");
        assertEquals(AwsSessionCredentials.create("AKID", "SECRET", "TOKEN"), resolved());
    }

    @Test
    void temporaryCredentialsCarryTheSessionToken() {
        conf.set("fs.s3a.aws.credentials.provider", HADOOP + "TemporaryAWSCredentialsProvider");
        conf.set("fs.s3a.access.key", "AKID");
        conf.set("fs.s3a.secret.key", "SECRET");
        conf.set("fs.s3a.session.token", "TOKEN");

        assertEquals(AwsSessionCredentials.create("AKID", "SECRET", "TOKEN"), resolved());
    }

    @Test
    void providersAreTriedInOrderAndOneWithoutItsSettingsIsSkipped() {
        // Temporary first, but there is no session token: the chain goes on to Simple, as S3A's list does.
        conf.set("fs.s3a.aws.credentials.provider", " " + HADOOP + "TemporaryAWSCredentialsProvider ,\n "
                + HADOOP + "SimpleAWSCredentialsProvider");
        conf.set("fs.s3a.access.key", "AKID");
        conf.set("fs.s3a.secret.key", "SECRET");

        assertEquals(AwsBasicCredentials.create("AKID", "SECRET"), resolved());
    }

    @Test
    void perBucketProvidersWin() {
        conf.set("fs.s3a.aws.credentials.provider", HADOOP + "SimpleAWSCredentialsProvider");
        conf.set("fs.s3a.bucket." + BUCKET + ".aws.credentials.provider", HADOOP + "AnonymousAWSCredentialsProvider");

        assertTrue(resolved().accessKeyId() == null || resolved().accessKeyId().isEmpty(), "anonymous: " + resolved());
    }

    @Test
    void sdkV1AndV2NamesOfTheStandardProvidersAreTaken() {
        conf.set("fs.s3a.aws.credentials.provider", String.join(",",
                "com.amazonaws.auth.EnvironmentVariableCredentialsProvider",
                "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider",
                "com.amazonaws.auth.InstanceProfileCredentialsProvider", HADOOP + "auth.IAMInstanceCredentialsProvider",
                "com.amazonaws.auth.WebIdentityTokenCredentialsProvider",
                "software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider",
                "com.amazonaws.auth.profile.ProfileCredentialsProvider", "com.amazonaws.auth.DefaultAWSCredentialsProviderChain",
                "software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider"));

        assertEquals(9, settings().providers().size());
        S3CredentialProviders.of(settings(), bucket());
    }

    @Test
    void aCustomProviderIsBuiltWithTheBucketAndTheConfiguration() {
        conf.set("fs.s3a.aws.credentials.provider", FromConfiguration.class.getName());
        conf.set("test.custom.key", "CUSTOM");

        assertEquals(AwsBasicCredentials.create("CUSTOM", "s3a://" + BUCKET), resolved());
    }

    @Test
    void aClassThatIsNoSdkProviderIsAConfigurationErrorNamingItAndTheSupportedNames() {
        conf.set("fs.s3a.aws.credentials.provider", "java.lang.String");
        String message = refused().getMessage();
        assertTrue(message.startsWith("fs.s3a.aws.credentials.provider = java.lang.String (S3 bucket " + BUCKET + ")"), message);
        assertTrue(message.contains("not a concrete class implementing " + AwsCredentialsProvider.class.getName()), message);
        assertTrue(message.contains(HADOOP + "auth.AssumedRoleCredentialProvider"), message);

        conf.set("fs.s3a.aws.credentials.provider", "com.example.Missing");
        assertTrue(refused().getMessage().contains("no such class"), refused().getMessage());
    }

    @Test
    void anAssumedRoleNeedsItsArnAndAnStsEndpointItsRegion() {
        conf.set("fs.s3a.aws.credentials.provider", HADOOP + "auth.AssumedRoleCredentialProvider");
        assertTrue(refused().getMessage().contains("fs.s3a.assumed.role.arn"), refused().getMessage());

        conf.set("fs.s3a.assumed.role.arn", "arn:aws:iam::123456789012:role/registry");
        conf.set("fs.s3a.assumed.role.sts.endpoint", "sts.eu-west-1.amazonaws.com");
        assertTrue(refused().getMessage().startsWith("fs.s3a.assumed.role.sts.endpoint = sts.eu-west-1.amazonaws.com"),
                refused().getMessage());

        conf.set("fs.s3a.assumed.role.sts.endpoint.region", "eu-west-1");
        conf.set("fs.s3a.assumed.role.credentials.provider", HADOOP + "auth.AssumedRoleCredentialProvider");
        assertTrue(refused().getMessage().contains("itself"), refused().getMessage());
    }

    @Test
    void anAssumedRoleTakesS3asSettingsAndDefaults() {
        conf.set("fs.s3a.aws.credentials.provider", HADOOP + "auth.AssumedRoleCredentialProvider");
        conf.set("fs.s3a.assumed.role.arn", "arn:aws:iam::123456789012:role/registry");
        conf.set("fs.s3a.assumed.role.external.id", "shared-external-id");

        S3AssumedRole role = settings().assumedRole().orElseThrow();

        assertEquals(30 * 60, role.durationSeconds(), "core-default.xml: 30m");
        assertEquals(List.of(HADOOP + "SimpleAWSCredentialsProvider"), role.innerProviders(), "core-default.xml");
        assertTrue(role.sessionName().startsWith("recsys-pipelines-"), role.sessionName());
        assertFalse(settings().toString().contains("shared-external-id"), settings().toString());
    }

    @Test
    void settingsAreTheClientCacheKeyAndNeverPrintASecret() {
        conf.set("fs.s3a.endpoint", "http://127.0.0.1:9000");
        conf.set("fs.s3a.access.key", "AKIDVALUE");
        conf.set("fs.s3a.secret.key", "SECRETVALUE");
        conf.set("fs.s3a.session.token", "TOKENVALUE");
        S3Clients.Settings before = S3Clients.settings(bucket());

        conf.set("fs.s3a.aws.credentials.provider", HADOOP + "TemporaryAWSCredentialsProvider");
        S3Clients.Settings after = S3Clients.settings(bucket());

        assertNotEquals(before, after, "another provider list is another client");
        assertEquals(after, S3Clients.settings(bucket()));
        for (S3Clients.Settings s : List.of(before, after)) {
            assertFalse(s.toString().matches(".*(AKIDVALUE|SECRETVALUE|TOKENVALUE).*"), s.toString());
        }
        assertTrue(after.toString().contains("TemporaryAWSCredentialsProvider"), after.toString());
    }

    /** A custom provider as Hadoop 3.4 builds one: with the bucket's URI and the configuration. */
    public static final class FromConfiguration implements AwsCredentialsProvider {
        private final AwsCredentials credentials;

        public FromConfiguration(URI bucket, Configuration conf) {
            this.credentials = AwsBasicCredentials.create(conf.get("test.custom.key"), bucket.toString());
        }

        @Override
        public AwsCredentials resolveCredentials() {
            return credentials;
        }
    }
}
