package io.recsys.pipelines.common.storage;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * S3A's {@code org.apache.hadoop.fs.s3a.auth.AssumedRoleCredentialProvider} for the SDK: the role of
 * {@code fs.s3a.assumed.role.arn}, assumed through STS with the credentials of
 * {@code fs.s3a.assumed.role.credentials.provider}, refreshed before they expire. The same settings
 * and defaults as S3A: session name, duration (core-default.xml: 30m), scope-down policy, external
 * id, and an STS endpoint that needs its signing region (and a region that needs an endpoint).
 *
 * @param durationSeconds how long each set of role credentials lasts
 * @param innerProviders  the credential provider names that sign the AssumeRole call
 */
record S3AssumedRole(String arn, String sessionName, long durationSeconds, String policy, String externalId,
                     String stsEndpoint, String stsRegion, List<String> innerProviders) {
    static final String PROVIDER = "org.apache.hadoop.fs.s3a.auth.AssumedRoleCredentialProvider";
    /** S3A's fallback when the inner list is empty. */
    private static final List<String> DEFAULT_INNER = List.of("org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
            "com.amazonaws.auth.EnvironmentVariableCredentialsProvider");
    /** STS takes 2 to 64 of these characters as a session name. */
    private static final int MAX_SESSION_NAME = 64;

    static S3AssumedRole of(S3BucketConf conf) {
        String arn = conf.get("assumed.role.arn");
        if (arn.isEmpty()) {
            throw conf.invalid("aws.credentials.provider", conf.get("aws.credentials.provider"),
                    "names " + PROVIDER + ", which needs the role in fs.s3a.assumed.role.arn, which is not set");
        }
        String endpoint = conf.get("assumed.role.sts.endpoint");
        String region = conf.get("assumed.role.sts.endpoint.region");
        if (!endpoint.isEmpty() && region.isEmpty()) {
            throw conf.invalid("assumed.role.sts.endpoint", endpoint, "needs its signing region in "
                    + "fs.s3a.assumed.role.sts.endpoint.region, which is not set (S3A refuses this too)");
        }
        if (endpoint.isEmpty() && !region.isEmpty()) {
            throw conf.invalid("assumed.role.sts.endpoint.region", region, "is set without "
                    + "fs.s3a.assumed.role.sts.endpoint (S3A refuses this too): set both, or neither for the global STS");
        }
        List<String> inner = conf.list("assumed.role.credentials.provider");
        if (inner.contains(PROVIDER)) {
            throw conf.invalid("assumed.role.credentials.provider", String.join(",", inner),
                    "names " + PROVIDER + " itself: list the providers that may call STS (e.g. SimpleAWSCredentialsProvider)");
        }
        return new S3AssumedRole(arn, conf.get("assumed.role.session.name", defaultSessionName()),
                conf.seconds("assumed.role.session.duration", "1h"), conf.get("assumed.role.policy"),
                conf.get("assumed.role.external.id"), endpoint, region, inner.isEmpty() ? DEFAULT_INNER : inner);
    }

    /** Who assumed the role, as CloudTrail shows it: the user running the job. */
    private static String defaultSessionName() {
        String user = System.getProperty("user.name", "user").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9+=,.@-]", "-");
        String name = "recsys-pipelines-" + user;
        return name.length() <= MAX_SESSION_NAME ? name : name.substring(0, MAX_SESSION_NAME);
    }

    /** No call to STS here: the first S3 request asks for the role's credentials. */
    AwsCredentialsProvider provider(AwsCredentialsProvider inner) {
        var sts = StsClient.builder().credentialsProvider(inner)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)).build());
        if (stsEndpoint.isEmpty()) {
            sts.region(Region.AWS_GLOBAL);
        } else {
            sts.region(Region.of(stsRegion)).endpointOverride(URI.create(stsEndpoint.contains("://") ? stsEndpoint
                    : "https://" + stsEndpoint));
        }
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder().roleArn(arn).roleSessionName(sessionName)
                .durationSeconds((int) durationSeconds);
        if (!policy.isEmpty()) {
            request.policy(policy);
        }
        if (!externalId.isEmpty()) {
            request.externalId(externalId);
        }
        return StsAssumeRoleCredentialsProvider.builder().stsClient(sts.build()).refreshRequest(request.build()).build();
    }

    /** The external id and the policy are not shown: the one may be a shared secret, the other is long. */
    @Override
    public String toString() {
        return "AssumedRole[arn=" + arn + ", session=" + sessionName + ", duration=" + durationSeconds + "s, sts="
                + (stsEndpoint.isEmpty() ? "global" : stsEndpoint + " (" + stsRegion + ")") + ", inner=" + innerProviders
                + (policy.isEmpty() ? "" : ", policy set") + (externalId.isEmpty() ? "" : ", external id set") + "]";
    }
}
