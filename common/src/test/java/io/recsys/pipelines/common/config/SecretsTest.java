package io.recsys.pipelines.common.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void otherValuesAreKeptAsTheyAre() {
        assertEquals("input.exposures=s3a://b/raw/{date}.jsonl", Secrets.mask("input.exposures=s3a://b/raw/{date}.jsonl"));
    }
}
