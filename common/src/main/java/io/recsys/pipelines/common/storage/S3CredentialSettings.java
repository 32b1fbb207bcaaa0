package io.recsys.pipelines.common.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the registry's own S3 requests get their credentials, from the settings S3A reads: the
 * provider names of {@code fs.s3a.aws.credentials.provider} (in order, as S3A tries them) and what
 * those providers read (keys, session token, profile, assumed role). A value, so that clients can be
 * cached by it; built into a provider by {@link S3CredentialProviders}.
 *
 * <p>Without the setting (or with only core-default.xml's value for it), as before: the keys of
 * fs.s3a.access.key / secret.key (with session.token) if set, else the SDK's default chain.
 *
 * @param providers   the names as given; empty = the behaviour just described
 * @param profileName {@code fs.s3a.auth.profile.name}, for the profile providers ("" = the SDK's default)
 * @param profileFile {@code fs.s3a.auth.profile.file} ("" = the SDK's default)
 */
record S3CredentialSettings(List<String> providers, String accessKey, String secretKey, String sessionToken,
                            String profileName, String profileFile, Optional<S3AssumedRole> assumedRole) {
    static final String PROVIDERS = "aws.credentials.provider";

    /** Throws a configuration error (exit 2) for a provider the SDK path cannot build. */
    static S3CredentialSettings of(S3BucketConf conf) {
        List<String> providers = conf.isSetByUser(PROVIDERS) ? conf.list(PROVIDERS) : List.of();
        providers.forEach(name -> S3CredentialProviders.check(name, PROVIDERS, conf));
        Optional<S3AssumedRole> role = Optional.empty();
        if (providers.contains(S3AssumedRole.PROVIDER)) {
            S3AssumedRole assumed = S3AssumedRole.of(conf);
            assumed.innerProviders().forEach(name -> S3CredentialProviders.check(name, "assumed.role.credentials.provider", conf));
            role = Optional.of(assumed);
        }
        return new S3CredentialSettings(providers, conf.secret("access.key").value(), conf.secret("secret.key").value(),
                conf.secret("session.token").value(), conf.get("auth.profile.name"), conf.get("auth.profile.file"), role);
    }

    boolean hasKeys() {
        return !accessKey.isEmpty() && !secretKey.isEmpty();
    }

    /** Never a key or token: whether they are set. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(providers.isEmpty() ? "providers=default (keys if set, else the SDK chain)" : "providers=" + providers);
        parts.add(hasKeys() ? "keys set" : "no keys");
        if (!sessionToken.isEmpty()) {
            parts.add("session token set");
        }
        if (!profileName.isEmpty() || !profileFile.isEmpty()) {
            parts.add("profile=" + profileName + (profileFile.isEmpty() ? "" : " in " + profileFile));
        }
        assumedRole.ifPresent(r -> parts.add(r.toString()));
        return "Credentials[" + String.join(", ", parts) + "]";
    }
}
