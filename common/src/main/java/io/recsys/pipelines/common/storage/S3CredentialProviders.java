package io.recsys.pipelines.common.storage;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import org.apache.hadoop.conf.Configuration;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SDK credential providers for the class names S3A takes in {@code fs.s3a.aws.credentials.provider}:
 * Hadoop's own (org.apache.hadoop.fs.s3a.*), the SDK v1 names a Hadoop 3.3 configuration uses
 * (com.amazonaws.auth.*, mapped as Hadoop 3.4 maps them) and the SDK v2 names, each to the SDK v2
 * provider that does the same, chained in the order given. Any other name must be a class that
 * implements this SDK's {@link AwsCredentialsProvider}, built as Hadoop 3.4 builds one: a
 * {@code (URI, Configuration)} or {@code (Configuration)} constructor, a static {@code create()} or a
 * no-argument constructor. In the spark-submit jar the SDK is relocated, so that interface is
 * {@code io.recsys.pipelines.shaded.awssdk.auth.credentials.AwsCredentialsProvider}.
 */
final class S3CredentialProviders {
    /**
     * SDK v2's package, built at run time: the shade plugin rewrites string constants that look like
     * relocated class names, and a configuration names the SDK's classes by their real names.
     */
    private static final String SDK_V2 = String.join(".", "software", "amazon", "awssdk") + ".auth.credentials.";

    private enum Kind {
        SIMPLE, TEMPORARY, ANONYMOUS, ENVIRONMENT, SYSTEM_PROPERTIES, IAM_INSTANCE, INSTANCE_PROFILE, CONTAINER,
        WEB_IDENTITY, PROFILE, DEFAULT_CHAIN, ASSUMED_ROLE
    }

    private static final Map<String, Kind> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider", Kind.SIMPLE);
        KNOWN.put("org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider", Kind.TEMPORARY);
        KNOWN.put("org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider", Kind.ANONYMOUS);
        KNOWN.put("com.amazonaws.auth.AnonymousAWSCredentials", Kind.ANONYMOUS);
        KNOWN.put(SDK_V2 + "AnonymousCredentialsProvider", Kind.ANONYMOUS);
        KNOWN.put("com.amazonaws.auth.EnvironmentVariableCredentialsProvider", Kind.ENVIRONMENT);
        KNOWN.put(SDK_V2 + "EnvironmentVariableCredentialsProvider", Kind.ENVIRONMENT);
        KNOWN.put("com.amazonaws.auth.SystemPropertiesCredentialsProvider", Kind.SYSTEM_PROPERTIES);
        KNOWN.put(SDK_V2 + "SystemPropertyCredentialsProvider", Kind.SYSTEM_PROPERTIES);
        // S3A's IAM provider (container credentials, else the instance's), and the v1 names Hadoop 3.4 maps to it.
        KNOWN.put("org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider", Kind.IAM_INSTANCE);
        KNOWN.put("org.apache.hadoop.fs.s3a.SharedInstanceCredentialProvider", Kind.IAM_INSTANCE);
        KNOWN.put("com.amazonaws.auth.InstanceProfileCredentialsProvider", Kind.IAM_INSTANCE);
        KNOWN.put("com.amazonaws.auth.EC2ContainerCredentialsProviderWrapper", Kind.IAM_INSTANCE);
        KNOWN.put(SDK_V2 + "InstanceProfileCredentialsProvider", Kind.INSTANCE_PROFILE);
        KNOWN.put("com.amazonaws.auth.ContainerCredentialsProvider", Kind.CONTAINER);
        KNOWN.put(SDK_V2 + "ContainerCredentialsProvider", Kind.CONTAINER);
        KNOWN.put("com.amazonaws.auth.WebIdentityTokenCredentialsProvider", Kind.WEB_IDENTITY);
        KNOWN.put(SDK_V2 + "WebIdentityTokenFileCredentialsProvider", Kind.WEB_IDENTITY);
        KNOWN.put("org.apache.hadoop.fs.s3a.auth.ProfileAWSCredentialsProvider", Kind.PROFILE);
        KNOWN.put("com.amazonaws.auth.profile.ProfileCredentialsProvider", Kind.PROFILE);
        KNOWN.put(SDK_V2 + "ProfileCredentialsProvider", Kind.PROFILE);
        KNOWN.put("com.amazonaws.auth.DefaultAWSCredentialsProviderChain", Kind.DEFAULT_CHAIN);
        KNOWN.put(SDK_V2 + "DefaultCredentialsProvider", Kind.DEFAULT_CHAIN);
        KNOWN.put(S3AssumedRole.PROVIDER, Kind.ASSUMED_ROLE);
    }

    private S3CredentialProviders() {
    }

    /** Throws a configuration error naming {@code setting} unless {@code name} can be built. */
    static void check(String name, String setting, S3BucketConf conf) {
        if (KNOWN.containsKey(name)) {
            return;
        }
        Class<?> type = conf.configuration().getClassByNameOrNull(name);
        String problem = type == null ? "no such class is on the classpath"
                : !AwsCredentialsProvider.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())
                ? "it is not a concrete class implementing " + AwsCredentialsProvider.class.getName()
                : factory(type) == null ? "it has no (URI, Configuration), (Configuration) or no-argument constructor "
                + "and no static create()" : null;
        if (problem != null) {
            throw conf.invalid(setting, String.join(",", conf.list(setting)), "names " + name + ", which the "
                    + "registry's own writes cannot use: " + problem + ". They take " + String.join(", ", KNOWN.keySet())
                    + ", or a class implementing " + AwsCredentialsProvider.class.getName());
        }
    }

    /** The provider of {@code settings}, for the client of {@code conf}'s bucket. */
    static AwsCredentialsProvider of(S3CredentialSettings settings, S3BucketConf conf) {
        if (settings.providers().isEmpty()) {
            return settings.hasKeys() ? keys(settings, !settings.sessionToken().isEmpty()) : DefaultCredentialsProvider.create();
        }
        return chain(settings.providers(), settings, conf);
    }

    private static AwsCredentialsProvider chain(List<String> names, S3CredentialSettings settings, S3BucketConf conf) {
        List<AwsCredentialsProvider> providers = new ArrayList<>();
        for (String name : names) {
            providers.add(one(name, settings, conf));
        }
        return providers.size() == 1 ? providers.get(0) : AwsCredentialsProviderChain.builder()
                .credentialsProviders(providers).build();
    }

    private static AwsCredentialsProvider one(String name, S3CredentialSettings s, S3BucketConf conf) {
        Kind kind = KNOWN.get(name);
        if (kind == null) {
            return custom(name, conf);
        }
        return switch (kind) {
            case SIMPLE -> keys(s, false);
            case TEMPORARY -> keys(s, true);
            case ANONYMOUS -> AnonymousCredentialsProvider.create();
            case ENVIRONMENT -> EnvironmentVariableCredentialsProvider.create();
            case SYSTEM_PROPERTIES -> SystemPropertyCredentialsProvider.create();
            case IAM_INSTANCE -> AwsCredentialsProviderChain.of(ContainerCredentialsProvider.builder().build(),
                    InstanceProfileCredentialsProvider.builder().build());
            case INSTANCE_PROFILE -> InstanceProfileCredentialsProvider.builder().build();
            case CONTAINER -> ContainerCredentialsProvider.builder().build();
            case WEB_IDENTITY -> WebIdentityTokenFileCredentialsProvider.create();
            case PROFILE -> profile(s);
            case DEFAULT_CHAIN -> DefaultCredentialsProvider.create();
            case ASSUMED_ROLE -> s.assumedRole().orElseThrow().provider(chain(s.assumedRole().get().innerProviders(), s, conf));
        };
    }

    /**
     * S3A's Simple (keys) and Temporary (keys and session token) providers: the keys are read when the
     * settings are, and a provider without them fails when asked, so that a chain goes on to the next.
     */
    private static AwsCredentialsProvider keys(S3CredentialSettings s, boolean session) {
        if (!s.hasKeys() || (session && s.sessionToken().isEmpty())) {
            String missing = session ? "fs.s3a.access.key, fs.s3a.secret.key and fs.s3a.session.token"
                    : "fs.s3a.access.key and fs.s3a.secret.key";
            return () -> {
                throw SdkClientException.create("no S3 credentials: " + missing + " are not all set");
            };
        }
        return StaticCredentialsProvider.create(session
                ? AwsSessionCredentials.create(s.accessKey(), s.secretKey(), s.sessionToken())
                : AwsBasicCredentials.create(s.accessKey(), s.secretKey()));
    }

    private static AwsCredentialsProvider profile(S3CredentialSettings s) {
        ProfileCredentialsProvider.Builder profile = ProfileCredentialsProvider.builder();
        if (!s.profileName().isEmpty()) {
            profile.profileName(s.profileName());
        }
        if (!s.profileFile().isEmpty()) {
            profile.profileFile(ProfileFile.builder().content(Path.of(s.profileFile()))
                    .type(ProfileFile.Type.CREDENTIALS).build());
        }
        return profile.build();
    }

    /** A class {@link #check} accepted: built with this configuration, the first of its bucket's clients. */
    private static AwsCredentialsProvider custom(String name, S3BucketConf conf) {
        Class<?> type = conf.configuration().getClassByNameOrNull(name);
        try {
            return (AwsCredentialsProvider) factory(type).create(URI.create("s3a://" + conf.bucket()), conf.configuration());
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getTargetException() : e;
            throw conf.invalid(S3CredentialSettings.PROVIDERS, name, "could not be built: " + cause);
        }
    }

    /** How to make an instance, in Hadoop 3.4's order; null if there is no way. */
    private static Factory factory(Class<?> type) {
        Constructor<?> withUri = constructor(type, URI.class, Configuration.class);
        if (withUri != null) {
            return (uri, conf) -> withUri.newInstance(uri, conf);
        }
        Constructor<?> withConf = constructor(type, Configuration.class);
        if (withConf != null) {
            return (uri, conf) -> withConf.newInstance(conf);
        }
        try {
            Method create = type.getMethod("create");
            if (Modifier.isStatic(create.getModifiers()) && AwsCredentialsProvider.class.isAssignableFrom(create.getReturnType())) {
                return (uri, conf) -> create.invoke(null);
            }
        } catch (NoSuchMethodException e) {
            // Then a no-argument constructor, as Hadoop.
        }
        Constructor<?> plain = constructor(type);
        return plain == null ? null : (uri, conf) -> plain.newInstance();
    }

    private static Constructor<?> constructor(Class<?> type, Class<?>... parameters) {
        try {
            return type.getConstructor(parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @FunctionalInterface
    private interface Factory {
        Object create(URI uri, Configuration conf) throws ReflectiveOperationException;
    }
}
