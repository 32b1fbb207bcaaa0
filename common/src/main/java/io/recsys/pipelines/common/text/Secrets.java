package io.recsys.pipelines.common.text;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of logs, warnings, reports, history entries (lineage) and metrics: settings
 * whose key names a credential (S3 keys, SSE-C keys such as {@code fs.s3a.encryption.key}, Azure
 * {@code fs.azure.account.key.*} and SAS tokens, passwords, tokens, private keys), and the credentials
 * of any URL: the password of its user info ({@code scheme://user:password@host}), a user info that is
 * a token on its own ({@code https://TOKEN@host}), and parameters named like a secret, in a query
 * ({@code ?user=app&password=...}) or JDBC style ({@code ;password=...}).
 */
public final class Secrets {
    /** Substrings of setting keys (lower-cased) that carry a credential. */
    private static final List<String> SECRET_KEY_PARTS = List.of("secret", "password", "passwd", "token", "access.key",
            "access_key", "accesskey", "credential", "encryption.key", "encryption_key", "encryption-key", "account.key",
            "private.key", "private_key", "private-key", "passphrase", "signature", ".sas.", "sas.token", "sas_token",
            "auth.key", "api.key", "api_key", "apikey");

    /** The same rule for Spark's own redaction of its UI, event logs and error messages (spark.redaction.regex). */
    public static final String SPARK_REDACTION_REGEX = "(?i)secret|password|passwd|token|access[._]?key|credential"
            + "|encryption[._-]key|account[.]key|private[._-]key|passphrase|signature|[.]sas[.]|api[._]?key|auth[.]key";

    /** A URL's user info anywhere in a text: scheme (1), user (2) and, after a ':', password (3). */
    private static final Pattern URL_USER_INFO_IN_TEXT =
            Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*)://([^/?#:@\\s]*)(?::([^/@\\s]*))?@");
    /** The rest of a URL after "://", up to a blank or a quote: where its parameters are. */
    private static final Pattern URL_REST = Pattern.compile("://[^\\s'\"<>]*");
    /** A query ({@code ?a=b&c=d}) or JDBC ({@code ;a=b}) parameter; SQL Server braces a value that holds ';'. */
    private static final Pattern URL_PARAMETER = Pattern.compile("[?&;]([^=?&;#/\\s]+)=(\\{[^}]*}|[^&;#\\s]*)");
    /** Schemes whose user info is an access key id, a credential the configuration keeps secret too (s3.access_key). */
    private static final Set<String> KEY_ID_SCHEMES = Set.of("s3", "s3a", "s3n");
    /** Schemes whose user info is an Azure container, which names data, not a credential. */
    private static final Set<String> CONTAINER_SCHEMES = Set.of("wasb", "wasbs", "abfs", "abfss");
    /** URL parameters that carry a credential under a name too short for the key rule: an Azure SAS signature. */
    private static final Set<String> SECRET_URL_PARAMETERS = Set.of("sig");
    private static final Pattern URL_USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@\\s]+)@");

    private Secrets() {
    }

    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String part : SECRET_KEY_PARTS) {
            if (k.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /**
     * "key=value" with the value masked when the key looks like a secret, and any password in a
     * URL's user info masked whatever the key (db.url=postgres://user:password@host/db).
     */
    public static String mask(String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq > 0 && isSecretKey(keyValue.substring(0, eq))) {
            return keyValue.substring(0, eq) + "=***";
        }
        return maskUrls(keyValue);
    }

    /**
     * Any text with the credentials of every URL replaced by ***: {@code scheme://user:***@},
     * {@code https://***@} for a user info without a password (a token cannot be told from a user
     * name), {@code s3a://***@} and {@code ?password=***} or {@code ;password=***}.
     */
    public static String maskUrls(String text) {
        if (text == null) {
            return null;
        }
        String userInfoMasked = URL_USER_INFO_IN_TEXT.matcher(text).replaceAll(m -> Matcher.quoteReplacement(maskUserInfo(m)));
        return URL_REST.matcher(userInfoMasked).replaceAll(rest -> Matcher.quoteReplacement(
                URL_PARAMETER.matcher(rest.group()).replaceAll(p -> Matcher.quoteReplacement(maskParameter(p)))));
    }

    /**
     * The credentials that {@link #maskUrls} hides in {@code url}, to cut out of text that repeats them
     * without the URL around them (a driver's "password authentication failed for ...").
     */
    public static List<String> urlSecrets(String url) {
        List<String> out = new ArrayList<>();
        if (url == null) {
            return out;
        }
        Matcher userInfo = URL_USER_INFO_IN_TEXT.matcher(url);
        while (userInfo.find()) {
            String secret = userInfoSecret(userInfo);
            if (secret != null) {
                out.add(secret);
            }
        }
        Matcher rest = URL_REST.matcher(url);
        while (rest.find()) {
            Matcher parameter = URL_PARAMETER.matcher(rest.group());
            while (parameter.find()) {
                String value = parameterSecret(parameter);
                if (value != null) {
                    out.add(value.startsWith("{") ? value.substring(1, value.length() - 1) : value);
                }
            }
        }
        return out;
    }

    /**
     * The part of a URL's user info that is a credential, always its end, or null: the password, or
     * all of it when there is no password or the user is an access key id.
     */
    private static String userInfoSecret(MatchResult m) {
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (CONTAINER_SCHEMES.contains(scheme)) {
            return null;
        }
        if (m.group(3) != null && !KEY_ID_SCHEMES.contains(scheme)) {
            return m.group(3);
        }
        String whole = userInfo(m);
        return whole.isEmpty() ? null : whole;
    }

    private static String maskUserInfo(MatchResult m) {
        String secret = userInfoSecret(m);
        if (secret == null) {
            return m.group();
        }
        String userInfo = userInfo(m);
        return m.group(1) + "://" + userInfo.substring(0, userInfo.length() - secret.length()) + "***@";
    }

    private static String userInfo(MatchResult m) {
        return m.group(2) + (m.group(3) == null ? "" : ":" + m.group(3));
    }

    /** The value of a parameter named like a secret (case-insensitive), or null. */
    private static String parameterSecret(MatchResult m) {
        String name = m.group(1);
        boolean secret = isSecretKey(name) || SECRET_URL_PARAMETERS.contains(name.toLowerCase(Locale.ROOT));
        return secret && !m.group(2).isEmpty() ? m.group(2) : null;
    }

    private static String maskParameter(MatchResult m) {
        return parameterSecret(m) == null ? m.group() : m.group().substring(0, m.start(2) - m.start()) + "***";
    }

    /** Adds {@code value} to the values to mask when it is long enough to be one (6+ characters: shorter ones would mask ordinary words). */
    public static void addValue(Collection<String> values, String value) {
        add(values, value);
    }

    /** {@code text} with URL passwords and every one of {@code values} masked. */
    public static String redact(String text, Collection<String> values) {
        if (text == null) {
            return null;
        }
        String out = maskUrls(text);
        for (String v : values) {
            out = out.replace(v, "***");
        }
        return out;
    }

    /** Maps, lists and strings (a report, a lineage) with every string redacted. */
    public static Object redactDeep(Object value, Collection<String> values) {
        if (value instanceof String s) {
            return redact(s, values);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, redactDeep(v, values)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(redactDeep(v, values)));
            return out;
        }
        return value;
    }

    /**
     * A URL whose user info is a credential (the Pushgateway's {@code https://user:password@host}):
     * the URL without it, for requests and messages, and the matching Basic authorization header.
     * Java's HTTP client never sends user info itself.
     */
    public record UrlCredentials(String url, Optional<String> basicAuthorization) {
        public static UrlCredentials of(String url) {
            Matcher m = URL_USER_INFO.matcher(url.trim());
            if (!m.find()) {
                return new UrlCredentials(url.trim(), Optional.empty());
            }
            String userInfo = java.net.URLDecoder.decode(m.group(2), java.nio.charset.StandardCharsets.UTF_8);
            String header = "Basic " + Base64.getEncoder().encodeToString(
                    (userInfo.indexOf(':') < 0 ? userInfo + ":" : userInfo).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new UrlCredentials(m.group(1) + url.trim().substring(m.end()), Optional.of(header));
        }
    }

    private static void add(Collection<String> values, String value) {
        if (value != null && value.length() >= 6) {
            values.add(value);
        }
    }
}
