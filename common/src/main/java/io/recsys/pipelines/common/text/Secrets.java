package io.recsys.pipelines.common.text;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of logs, warnings, reports, history entries (lineage) and metrics: settings
 * whose key names a credential (S3 keys, SSE-C keys such as {@code fs.s3a.encryption.key}, Azure
 * {@code fs.azure.account.key.*} and SAS tokens, passwords, tokens, private keys), and passwords in
 * the user info of any URL ({@code scheme://user:password@host}).
 */
public final class Secrets {
    /** Substrings of setting keys (lower-cased) that carry a credential. */
    private static final List<String> SECRET_KEY_PARTS = List.of("secret", "password", "passwd", "token", "access.key",
            "access_key", "credential", "encryption.key", "encryption_key", "encryption-key", "account.key",
            "private.key", "private_key", "private-key", "passphrase", "signature", ".sas.", "sas.token", "sas_token",
            "auth.key", "api.key", "api_key", "apikey");

    /** The same rule for Spark's own redaction of its UI, event logs and error messages (spark.redaction.regex). */
    public static final String SPARK_REDACTION_REGEX = "(?i)secret|password|passwd|token|access[._]key|credential"
            + "|encryption[._-]key|account[.]key|private[._-]key|passphrase|signature|[.]sas[.]|api[._]?key|auth[.]key";

    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/:@\\s]+:)[^/@\\s]+@");
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

    /** Any text with the password of every {@code scheme://user:password@} replaced by ***. */
    public static String maskUrls(String text) {
        return text == null ? null : URL_PASSWORD.matcher(text).replaceAll("$1***@");
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

    public static Optional<String> urlPassword(String url) {
        if (url == null) {
            return Optional.empty();
        }
        Matcher m = URL_USER_INFO.matcher(url.trim());
        if (!m.find() || m.group(2).indexOf(':') < 0) {
            return Optional.empty();
        }
        return Optional.of(m.group(2).substring(m.group(2).indexOf(':') + 1));
    }

    private static void add(Collection<String> values, String value) {
        if (value != null && value.length() >= 6) {
            values.add(value);
        }
    }
}
