package io.recsys.pipelines.common.text;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.PipelineConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsTest {
    @Test
    void secretLookingKeysAreMasked() {
        assertEquals("s3.secret_key=***", Secrets.mask("s3.secret_key=minioadmin"));
        assertEquals("s3.access_key=***", Secrets.mask("s3.access_key=minioadmin"));
        assertEquals("service.token=***", Secrets.mask("service.token=abc"));
        assertEquals("db.password=***", Secrets.mask("db.password=pw"));
    }

    @Test
    void passwordsInUrlsAreMaskedWhateverTheKey() {
        assertEquals("db.url=postgres://app:***@db:5432/recsys", Secrets.mask("db.url=postgres://app:s3cr3t@db:5432/recsys"));
        assertEquals("db.url=jdbc:postgresql://db:5432/recsys", Secrets.mask("db.url=jdbc:postgresql://db:5432/recsys"));
    }

    @Test
    void encryptionAndAzureKeysAndTokensAreSecretsToo() {
        assertEquals("spark.hadoop.fs.s3a.encryption.key=***", Secrets.mask("spark.hadoop.fs.s3a.encryption.key=c2VjcmV0"));
        assertEquals("spark.hadoop.fs.s3a.server-side-encryption.key=***",
                Secrets.mask("spark.hadoop.fs.s3a.server-side-encryption.key=c2VjcmV0"));
        assertEquals("spark.hadoop.fs.azure.account.key.acct.blob.core.windows.net=***",
                Secrets.mask("spark.hadoop.fs.azure.account.key.acct.blob.core.windows.net=AAAA"));
        assertEquals("spark.hadoop.fs.azure.sas.container.acct.blob.core.windows.net=***",
                Secrets.mask("spark.hadoop.fs.azure.sas.container.acct.blob.core.windows.net=sv=2020"));
        assertEquals("spark.hadoop.fs.s3a.session.token=***", Secrets.mask("spark.hadoop.fs.s3a.session.token=tok"));
        assertEquals("spark.hadoop.fs.gs.auth.service.account.private.key=***",
                Secrets.mask("spark.hadoop.fs.gs.auth.service.account.private.key=pk"));
        java.util.regex.Pattern spark = java.util.regex.Pattern.compile(Secrets.SPARK_REDACTION_REGEX);
        for (String key : List.of("spark.hadoop.fs.s3a.encryption.key", "spark.hadoop.fs.azure.account.key.a.b",
                "spark.hadoop.fs.s3a.secret.key", "spark.hadoop.fs.s3a.access.key")) {
            assertTrue(spark.matcher(key).find(), key);
        }
    }

    @Test
    void urlPasswordsAreMaskedInFreeTextAndBecomeBasicAuthorization() {
        assertEquals("could not push to https://ops:***@pg:9091/metrics",
                Secrets.maskUrls("could not push to https://ops:hunter2@pg:9091/metrics"));
        Secrets.UrlCredentials c = Secrets.UrlCredentials.of("https://ops:hunter2@pg:9091/");
        assertEquals("https://pg:9091/", c.url());
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("ops:hunter2".getBytes()),
                c.basicAuthorization().orElseThrow());
        assertTrue(Secrets.UrlCredentials.of("http://pg:9091").basicAuthorization().isEmpty());
    }

    @Test
    void aConfigurationsSecretValuesAreCutOutOfAnyText() {
        PipelineConfig config = ConfigLoader.load(null, List.of("s3.access_key=AKIAEXAMPLE", "s3.secret_key=verysecretvalue",
                "spark.hadoop.fs.s3a.encryption.key=ssekeyvalue", "metrics.pushgateway_url=https://ops:pgpassword@pg:9091"));
        String text = "failed with verysecretvalue and ssekeyvalue at https://ops:pgpassword@pg:9091 by AKIAEXAMPLE";
        String redacted = Secrets.redact(text, config.secretValues());
        assertEquals("failed with *** and *** at https://ops:***@pg:9091 by ***", redacted);
        assertEquals(java.util.Map.of("k", List.of("***")),
                Secrets.redactDeep(java.util.Map.of("k", List.of("verysecretvalue")), config.secretValues()));
    }

    @Test
    void otherValuesAreKeptAsTheyAre() {
        assertEquals("input.exposures=s3a://b/raw/{date}.jsonl", Secrets.mask("input.exposures=s3a://b/raw/{date}.jsonl"));
    }
}
