package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.HadoopConfs;
import io.recsys.pipelines.common.storage.HadoopObjectStore;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.jobs.testing.RecordingProxy;
import io.recsys.pipelines.jobs.testing.RecordingProxy.Exchange;
import io.recsys.pipelines.jobs.testing.S3Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A conditional PUT that lands but whose answer is lost: the SDK sends it again, and the server
 * refuses the retry (412) because of the object the first one wrote. That refusal must count as
 * this write's success, not as another writer's win (a publisher would report a conflict for its
 * own history entry). The {@link RecordingProxy} lets the real server carry out the first PUT and
 * then closes the connection unanswered.
 */
@ExtendWith(S3Server.Extension.class)
class S3LostAnswerTest {
    private final S3Server s3;
    private final String bucket = "lost-" + UUID.randomUUID().toString().substring(0, 8);
    private RecordingProxy proxy;
    private HadoopObjectStore store;
    @TempDir
    Path tmp;

    S3LostAnswerTest(S3Server s3) {
        this.s3 = s3;
    }

    @BeforeEach
    void throughTheProxy() {
        s3.createBucket(bucket);
        proxy = RecordingProxy.to(s3.url(), Set.of());
        store = new HadoopObjectStore(HadoopConfs.from(ConfigLoader.load(null, List.of("s3.endpoint=" + proxy.endpoint(),
                "s3.use_ssl=false", "s3.access_key=" + S3Server.ACCESS_KEY, "s3.secret_key=" + S3Server.SECRET_KEY,
                "spark.hadoop.hadoop.tmp.dir=" + tmp))));
    }

    @AfterEach
    void close() throws Exception {
        proxy.close();
    }

    private Location location(String key) {
        return Location.parse("s3a://" + bucket + "/" + key);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<Exchange> putsOf(String key) {
        return proxy.exchanges().stream().filter(e -> e.method().equals("PUT") && e.path().endsWith("/" + key)).toList();
    }

    @Test
    void aCreateWhoseAnswerWasLostIsStillThisWrite() {
        proxy.dropAnswerOnce(e -> e.method().equals("PUT") && "*".equals(e.header("if-none-match")));

        assertTrue(store.create(location("history/00000001.json"), bytes("{\"run\":\"ours\"}")));

        List<Exchange> puts = putsOf("00000001.json");
        assertEquals(2, puts.size(), "the SDK retried: " + puts);
        assertTrue(puts.get(0).dropped() && puts.get(0).status() == 200, puts.toString());
        assertEquals(412, puts.get(1).status(), "the retry was refused by the first PUT's object");
    }

    @Test
    void aCompareAndSwapWhoseAnswerWasLostIsStillThisWrite() {
        Location pointer = location("current/manifest.json");
        assertTrue(store.replaceIfUnchanged(pointer, bytes("v1"), Optional.empty()));
        String v1 = store.readVersioned(pointer).orElseThrow().tag();
        proxy.dropAnswerOnce(e -> e.method().equals("PUT") && e.header("if-match") != null);

        assertTrue(store.replaceIfUnchanged(pointer, bytes("v2"), Optional.of(v1)));

        List<Exchange> swaps = putsOf("manifest.json").stream().filter(e -> e.header("if-match") != null).toList();
        assertEquals(List.of(200, 412), swaps.stream().map(Exchange::status).toList(), swaps.toString());
        assertArrayEquals(bytes("v2"), s3.get(bucket, "current/manifest.json").orElseThrow());
    }

    @Test
    void aRefusalByAnotherWritersObjectIsStillARefusal() {
        s3.put(bucket, "history/00000002.json", "{\"run\":\"theirs\"}");
        Location entry = location("history/00000002.json");

        assertFalse(store.replaceIfUnchanged(entry, bytes("{\"run\":\"ours\"}"), Optional.empty()));
        assertFalse(store.replaceIfUnchanged(entry, bytes("{\"run\":\"ours\"}"),
                Optional.of("\"0123456789abcdef0123456789abcdef\"")), "a stale ETag");
    }
}
