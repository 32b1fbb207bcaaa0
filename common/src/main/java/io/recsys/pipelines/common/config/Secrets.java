package io.recsys.pipelines.common.config;

import java.util.Locale;

/** Keeps secrets out of logs, reports and history entries. */
public final class Secrets {
    private Secrets() {
    }

    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("secret") || k.contains("password") || k.contains("token") || k.contains("access.key")
                || k.contains("access_key") || k.contains("credential");
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
        return URL_PASSWORD.matcher(keyValue).replaceAll("$1***@");
    }

    private static final java.util.regex.Pattern URL_PASSWORD = java.util.regex.Pattern.compile("(://[^/:@\\s]+:)[^/@\\s]+@");
}
