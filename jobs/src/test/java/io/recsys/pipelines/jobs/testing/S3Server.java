package io.recsys.pipelines.jobs.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for the tests: s3proxy (fetched by the build into target/s3proxy),
 * started once per test JVM as a child process on a free port, in memory, and stopped after the
 * last test. A separate process because s3proxy bundles its own unshaded SDK and Jackson, which
 * must never meet Spark's. Test data goes in through the S3 API, as the pipeline's own would.
 * Tests ask for it as a parameter with {@code @ExtendWith(S3Server.Extension.class)}.
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "minioadmin";
    public static final String SECRET_KEY = "minioadmin";
    private static final Path JAR = Path.of("target/s3proxy/s3proxy.jar");

    private final Process process;
    private final int port;
    private final S3Client client;

    private S3Server(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = S3Client.builder()
                .endpointOverride(URI.create(url()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** Keeps the one server in JUnit's root store, which closes it after the last test. */
    public static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == S3Server.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(S3Server.class, k -> start("aws-v2-or-v4"), S3Server.class);
        }
    }

    /** host:port, the way RECSYS_ARTIFACT_S3_ENDPOINT gives it. */
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    public String url() {
        return "http://" + endpoint();
    }

    public S3Client client() {
        return client;
    }

    /** The s3 settings (and short retries) that point a run at this server, as config overrides. */
    public List<String> overrides(String accessKey, String secretKey) {
        return List.of("s3.endpoint=" + endpoint(), "s3.use_ssl=false", "s3.access_key=" + accessKey,
                "s3.secret_key=" + secretKey, "spark.hadoop.fs.s3a.attempts.maximum=1",
                "spark.hadoop.fs.s3a.retry.limit=1", "spark.hadoop.fs.s3a.retry.interval=10ms");
    }

    /** The same, as command-line arguments. */
    public static List<String> setArgs(List<String> overrides) {
        List<String> args = new ArrayList<>();
        overrides.forEach(o -> args.addAll(List.of("--set", o)));
        return args;
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    public void put(String bucket, String key, String content) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
    }

    public Optional<byte[]> get(String bucket, String key) {
        try {
            return Optional.of(client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    public List<String> keys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    /**
     * A second server, of the caller's to close, that checks no signature: for tests whose requests
     * carry what this server refuses (a session token: 501) and must reach it without.
     */
    public static S3Server startWithoutAuthorization() {
        return start("none");
    }

    private static S3Server start(String authorization) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: the build copies it at "
                    + "process-test-resources (run the tests through Maven once)");
        }
        try {
            int port = freePort();
            Path dir = Files.createDirectories(Path.of("target/s3proxy"));
            Path properties = dir.resolve("s3proxy-" + port + ".properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=" + authorization,
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=transient-nio2",
                    "jclouds.identity=x",
                    "jclouds.credential=x"));
            Path log = dir.resolve("s3proxy-" + port + ".log");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", JAR.toString(), "--properties", properties.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            awaitPort(process, port, log);
            return new S3Server(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(Process process, int port, Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("s3proxy did not answer on port " + port + " within 30 s: " + Files.readString(log));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Called by JUnit after the last test of the JVM. */
    @Override
    public void close() throws InterruptedException {
        client.close();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
