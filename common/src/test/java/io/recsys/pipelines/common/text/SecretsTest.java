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
    void secretParametersOfJdbcUrlsAreMasked() {
        assertEquals("db.url=jdbc:postgresql://db:5432/recsys?user=app&password=***&ssl=true",
                Secrets.mask("db.url=jdbc:postgresql://db:5432/recsys?user=app&password=hunter2&ssl=true"));
        assertEquals("jdbc:postgresql://db/recsys?sslpassword=***&PASSWORD=***",
                Secrets.maskUrls("jdbc:postgresql://db/recsys?sslpassword=keypass&PASSWORD=hunter2"));
        assertEquals("jdbc:sqlserver://db:1433;databaseName=recsys;user=app;password=***;encrypt=true",
                Secrets.maskUrls("jdbc:sqlserver://db:1433;databaseName=recsys;user=app;password=hunter2;encrypt=true"));
        // SQL Server quotes a value holding ';' in braces: the whole value goes, not just its start.
        assertEquals("jdbc:sqlserver://db;password=***;user=app",
                Secrets.maskUrls("jdbc:sqlserver://db;password={hun;ter2};user=app"));
        assertEquals("failed: https://h/x?token=*** and https://h/y?secret=***&AccessKey=***&secret_key=***#top",
                Secrets.maskUrls("failed: https://h/x?token=abc and https://h/y?secret=s1&AccessKey=AKIA1&secret_key=s2#top"));
        assertEquals("https://acct.blob.core.windows.net/c/f?sv=2020-08-04&sig=***",
                Secrets.maskUrls("https://acct.blob.core.windows.net/c/f?sv=2020-08-04&sig=c2lnbmF0dXJl"));
        assertEquals("jdbc:postgresql://db/recsys?user=app&ssl=true&sslmode=require",
                Secrets.maskUrls("jdbc:postgresql://db/recsys?user=app&ssl=true&sslmode=require"));
        // Outside a URL a "password=" stays for mask() and the configuration's values to deal with.
        assertEquals("a=1;password=x", Secrets.maskUrls("a=1;password=x"));
    }

    @Test
    void userInfoWithoutAPasswordIsMaskedWhole() {
        assertEquals("cloning https://***@git.example.com/repo.git",
                Secrets.maskUrls("cloning https://ghp_abcdef123456@git.example.com/repo.git"));
        assertEquals("db.url=postgres://***@db/recsys", Secrets.mask("db.url=postgres://tok3n@db/recsys"));
        // In an s3 URL the user is an access key id, which the configuration treats as a secret too.
        assertEquals("reading s3a://***@bucket/raw/", Secrets.maskUrls("reading s3a://AKIAEXAMPLE:wJalrXUtnFEMI@bucket/raw/"));
        assertEquals("s3://***@bucket/raw/", Secrets.maskUrls("s3://AKIAEXAMPLE@bucket/raw/"));
        // Azure's user info is the container, not a credential.
        assertEquals("wasbs://events@acct.blob.core.windows.net/raw",
                Secrets.maskUrls("wasbs://events@acct.blob.core.windows.net/raw"));
        assertEquals("abfss://events@acct.dfs.core.windows.net/raw",
                Secrets.maskUrls("abfss://events@acct.dfs.core.windows.net/raw"));
        assertEquals("https://pg:9091/?a=b@c", Secrets.maskUrls("https://pg:9091/?a=b@c"));
    }

    @Test
    void urlSecretsAreCutOutOfTextThatRepeatsThemAlone() {
        PipelineConfig config = ConfigLoader.load(null, List.of(
                "db.url=jdbc:postgresql://db/recsys?user=app&password=hunter22",
                "service.url=https://svctoken99@svc.example.com/"));
        assertEquals("auth failed for app with *** (and ***)",
                Secrets.redact("auth failed for app with hunter22 (and svctoken99)", config.secretValues()));
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
