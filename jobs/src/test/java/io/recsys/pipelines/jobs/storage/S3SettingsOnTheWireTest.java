package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.HadoopConfs;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.HadoopObjectStore;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.jobs.testing.FakeSts;
import io.recsys.pipelines.jobs.testing.RecordingProxy;
import io.recsys.pipelines.jobs.testing.RecordingProxy.Exchange;
import io.recsys.pipelines.jobs.testing.S3Server;
import io.recsys.pipelines.registry.RegistryContext;
import io.recsys.pipelines.registry.RegistryFixture;
import io.recsys.pipelines.registry.RunInfo;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Type;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.recsys.pipelines.registry.RegistryFixture.SURFACE;
import static io.recsys.pipelines.registry.RegistryFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the S3 server receives from the registry's own writes (the AWS SDK path) when fs.s3a.*
 * asks for encryption, a canned ACL or other credentials: a {@link RecordingProxy} stands between
 * the pipeline and the real test server (s3proxy), so every request is seen as sent and is then
 * carried out by the server.
 *
 * <p>Encryption and ACL go to the authorizing server unchanged: the proxy alters no signed header,
 * so the server checks each signature, and it takes the headers for real (s3proxy emulates SSE-S3,
 * SSE-KMS and SSE-C: it reports them on HEAD and refuses a GET of an SSE-C object without its key;
 * of the canned ACLs it takes private and public-read, so the ACL tested is PublicRead). s3proxy
 * answers a session token (x-amz-security-token) with 501, so the credential tests strip that header
 * in the proxy and forward to a second server without authorization: there the server proves
 * nothing about the credentials, and what is asserted is what the proxy saw (the signing key id in
 * Authorization and the token), and for the assumed role what the local STS was asked with.
 */
@ExtendWith(S3Server.Extension.class)
class S3SettingsOnTheWireTest {
    private static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/registry-key";
    private static final String SESSION_TOKEN = "session-token-of-the-test";
    private static S3Server withoutAuthorization;

    private final S3Server s3;
    private final String bucket = "wire-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> closing = new ArrayList<>();
    @TempDir
    Path tmp;

    S3SettingsOnTheWireTest(S3Server s3) {
        this.s3 = s3;
    }

    @BeforeAll
    static void startTheServerWithoutAuthorization() {
        withoutAuthorization = S3Server.startWithoutAuthorization();
    }

    @AfterAll
    static void stopIt() throws Exception {
        withoutAuthorization.close();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** A proxy to {@code server}, its bucket created there. */
    private RecordingProxy proxyTo(S3Server server, Set<String> stripped) {
        server.createBucket(bucket);
        RecordingProxy proxy = RecordingProxy.to(server.url(), stripped);
        closing.add(proxy);
        return proxy;
    }

    /** The run's config pointed at the proxy. */
    private PipelineConfig config(RecordingProxy proxy, String accessKey, String secretKey) {
        return ConfigLoader.load(null, List.of("s3.endpoint=" + proxy.endpoint(), "s3.use_ssl=false",
                "s3.access_key=" + accessKey, "s3.secret_key=" + secretKey, "spark.hadoop.fs.s3a.attempts.maximum=1",
                "spark.hadoop.fs.s3a.retry.limit=1", "spark.hadoop.hadoop.tmp.dir=" + tmp,
                "storage.registry=s3a://" + bucket + "/registry", "storage.objectstore=s3a://" + bucket + "/"));
    }

    /**
     * Its Hadoop settings with {@code settings} ("key=value") on top, set on the Configuration as
     * Spark or a site file would: as --set overrides, fs.s3a.assumed.role.sts.endpoint and
     * fs.s3a.assumed.role.sts.endpoint.region cannot both be given (in HOCON the one key is a prefix
     * of the other, and the later replaces the former).
     */
    private static Configuration hadoop(PipelineConfig config, String... settings) {
        Configuration conf = HadoopConfs.from(config);
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            conf.set(setting.substring(0, eq), setting.substring(eq + 1));
        }
        return conf;
    }

    private RegistryContext registry(RecordingProxy proxy, String... settings) {
        PipelineConfig config = config(proxy, S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        return RegistryContext.of(config, hadoop(config, settings), Instant::now);
    }

    private HadoopObjectStore store(RecordingProxy proxy, String accessKey, String secretKey, String... settings) {
        return new HadoopObjectStore(hadoop(config(proxy, accessKey, secretKey), settings));
    }

    private void publish(RegistryContext ctx) {
        ctx.publisher(false).publish(TENANT, SURFACE, List.of(RegistryFixture.popularity("A=5", "B=3")),
                new RunInfo("wire", Instant.now(), "test", "settings on the wire", Map.of()));
    }

    private static List<Exchange> puts(RecordingProxy proxy) {
        return proxy.exchanges().stream().filter(e -> e.method().equals("PUT")).toList();
    }

    private Location location(String key) {
        return Location.parse("s3a://" + bucket + "/" + key);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Blob, record, history entry and pointer: each kind of the registry's writes is among {@code puts}. */
    private void assertEveryKindOfWrite(List<Exchange> puts) {
        List<String> paths = puts.stream().map(Exchange::path).toList();
        for (String part : List.of("/" + TENANT + "/" + SURFACE + "/popularity/", "/registry/records/",
                "/registry/history/", "/registry/current/")) {
            assertTrue(paths.stream().anyMatch(p -> p.contains(part)), part + " in " + paths);
        }
    }

    @Test
    void aPublishSendsSseKmsWithItsKeyAndTheCannedAclOnEveryPut() {
        RecordingProxy proxy = proxyTo(s3, Set.of());
        RegistryContext ctx = registry(proxy, "fs.s3a.encryption.algorithm=SSE-KMS", "fs.s3a.encryption.key=" + KMS_KEY, "fs.s3a.acl.default=PublicRead");

        publish(ctx);

        List<Exchange> puts = puts(proxy);
        assertEveryKindOfWrite(puts);
        for (Exchange put : puts) {
            assertEquals("aws:kms", put.header("x-amz-server-side-encryption"), put.toString());
            assertEquals(KMS_KEY, put.header("x-amz-server-side-encryption-aws-kms-key-id"), put.toString());
            assertEquals("public-read", put.header("x-amz-acl"), put.toString());
            assertEquals(200, put.status(), put + ": the server checked the signature and took the headers");
        }
        String pointer = "registry/current/" + TENANT + "/" + SURFACE + "/manifest.json";
        HeadObjectResponse head = s3.client().headObject(b -> b.bucket(bucket).key(pointer));
        assertEquals("aws:kms", head.serverSideEncryptionAsString());
        assertEquals(KMS_KEY, head.ssekmsKeyId());
        assertTrue(s3.client().getObjectAcl(b -> b.bucket(bucket).key(pointer)).grants().stream()
                        .anyMatch(g -> g.grantee().type() == Type.GROUP && g.grantee().uri().endsWith("/AllUsers")
                                && g.permission() == Permission.READ), "the server stored the object public-read");
    }

    @Test
    void aes256IsSseS3OnCreatesAndCompareAndSwaps() {
        RecordingProxy proxy = proxyTo(s3, Set.of());
        HadoopObjectStore store = store(proxy, S3Server.ACCESS_KEY, S3Server.SECRET_KEY, "fs.s3a.encryption.algorithm=AES256");

        assertTrue(store.create(location("entry.json"), bytes("v1")));
        String tag = store.readVersioned(location("entry.json")).orElseThrow().tag();
        assertTrue(store.replaceIfUnchanged(location("entry.json"), bytes("v2"), Optional.of(tag)));

        List<Exchange> puts = puts(proxy);
        assertEquals(List.of("*", "none"), puts.stream().map(p -> p.header("if-none-match") == null ? "none" : "*").toList());
        assertTrue(puts.get(1).header("if-match") != null, "the second PUT is the compare-and-swap");
        puts.forEach(put -> assertEquals("AES256", put.header("x-amz-server-side-encryption"), put.toString()));
        assertEquals("AES256", s3.client().headObject(b -> b.bucket(bucket).key("entry.json")).serverSideEncryptionAsString());
    }

    @Test
    void sseCSendsItsKeyOnEveryPutAndEveryRead() throws Exception {
        String key = Base64.getEncoder().encodeToString(bytes("a 32-byte customer key, for test"));
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(Base64.getDecoder().decode(key)));
        RecordingProxy proxy = proxyTo(s3, Set.of());
        String[] sseC = {"fs.s3a.encryption.algorithm=SSE-C", "fs.s3a.encryption.key=" + key};
        RegistryContext ctx = registry(proxy, sseC);

        publish(ctx);
        Location pointer = location("registry/current/" + TENANT + "/" + SURFACE + "/manifest.json");
        int before = proxy.exchanges().size();
        assertTrue(store(proxy, S3Server.ACCESS_KEY, S3Server.SECRET_KEY, sseC).readVersioned(pointer).isPresent(), "the SDK's own read of an SSE-C object");

        List<Exchange> withObjects = proxy.exchanges().stream()
                .filter(e -> Set.of("PUT", "GET", "HEAD").contains(e.method()) && !e.target().contains("?")).toList();
        assertEveryKindOfWrite(puts(proxy));
        assertEquals("GET", proxy.exchanges().get(before).method());
        for (Exchange e : withObjects) {
            assertEquals("AES256", e.header("x-amz-server-side-encryption-customer-algorithm"), e.toString());
            assertEquals(key, e.header("x-amz-server-side-encryption-customer-key"), e.toString());
            assertEquals(md5, e.header("x-amz-server-side-encryption-customer-key-md5"), e.toString());
        }
        S3Exception withoutKey = assertThrows(S3Exception.class,
                () -> s3.client().getObjectAsBytes(b -> b.bucket(bucket).key(pointer.path().substring(1))));
        assertEquals(400, withoutKey.statusCode(), "the server keeps the object SSE-C: no key, no read");
    }

    @Test
    void temporaryCredentialsSignWithTheirKeyAndSendTheSessionToken() {
        RecordingProxy proxy = proxyTo(withoutAuthorization, Set.of("x-amz-security-token"));
        HadoopObjectStore store = store(proxy, "TEMPORARY-KEY-ID", "temporary-secret",
                "fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider",
                "fs.s3a.session.token=" + SESSION_TOKEN);

        assertTrue(store.replaceIfUnchanged(location("pointer.json"), bytes("v1"), Optional.empty()));
        assertTrue(store.readVersioned(location("pointer.json")).isPresent());

        assertEquals(List.of("PUT", "GET"), proxy.exchanges().stream().map(Exchange::method).toList());
        for (Exchange e : proxy.exchanges()) {
            assertEquals(SESSION_TOKEN, e.header("x-amz-security-token"), e.toString());
            assertTrue(e.header("authorization").contains("Credential=TEMPORARY-KEY-ID/"), e.header("authorization"));
            assertTrue(e.header("authorization").matches(".*SignedHeaders=[^,]*x-amz-security-token.*"),
                    "the token is signed: " + e.header("authorization"));
        }
    }

    @Test
    void anAssumedRoleAsksStsWithTheInnerCredentialsAndSignsWithTheRoles() {
        String roleToken = "role-session-token";
        FakeSts sts = FakeSts.answering(S3Server.ACCESS_KEY, S3Server.SECRET_KEY, roleToken);
        closing.add(sts);
        RecordingProxy proxy = proxyTo(withoutAuthorization, Set.of("x-amz-security-token"));
        String role = "arn:aws:iam::123456789012:role/registry-writer";
        HadoopObjectStore store = store(proxy, "INNER-KEY-ID", "inner-secret",
                "fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.auth.AssumedRoleCredentialProvider",
                "fs.s3a.assumed.role.arn=" + role, "fs.s3a.assumed.role.session.name=registry-test",
                "fs.s3a.assumed.role.session.duration=15m", "fs.s3a.assumed.role.sts.endpoint=" + sts.url(),
                "fs.s3a.assumed.role.sts.endpoint.region=us-east-1");

        assertTrue(store.replaceIfUnchanged(location("pointer.json"), bytes("v1"), Optional.empty()));

        assertEquals(1, sts.calls().size(), sts.calls().toString());
        FakeSts.Call call = sts.calls().get(0);
        assertEquals(Map.of("Action", "AssumeRole", "RoleArn", role, "RoleSessionName", "registry-test",
                "DurationSeconds", "900"), Map.of("Action", call.parameters().get("Action"), "RoleArn",
                call.parameters().get("RoleArn"), "RoleSessionName", call.parameters().get("RoleSessionName"),
                "DurationSeconds", call.parameters().get("DurationSeconds")));
        assertTrue(call.authorization().contains("Credential=INNER-KEY-ID/") && call.authorization().contains("/sts/aws4_request"),
                "STS was called with the inner (Simple) credentials: " + call.authorization());
        Exchange put = puts(proxy).get(0);
        assertTrue(put.header("authorization").contains("Credential=" + S3Server.ACCESS_KEY + "/"), put.header("authorization"));
        assertEquals(roleToken, put.header("x-amz-security-token"));
    }

    @Test
    void aSettingTheSdkCannotHonourStopsEveryCommandBeforeAnyRequest() {
        RecordingProxy proxy = proxyTo(s3, Set.of());
        String[] cse = {"fs.s3a.encryption.algorithm=CSE-KMS", "fs.s3a.encryption.key=" + KMS_KEY};

        PipelineException e = assertThrows(PipelineException.class, () -> registry(proxy, cse));

        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("fs.s3a.encryption.algorithm = CSE-KMS (S3 bucket " + bucket + ")"), e.getMessage());
        assertEquals(List.of(), proxy.exchanges(), "nothing was sent");
        assertEquals(ExitCode.USAGE, assertThrows(PipelineException.class,
                () -> store(proxy, S3Server.ACCESS_KEY, S3Server.SECRET_KEY, cse).create(location("x.json"), bytes("x"))).exitCode(), "the store checks it too");
        assertEquals(List.of(), proxy.exchanges(), "nothing was sent");
    }
}
