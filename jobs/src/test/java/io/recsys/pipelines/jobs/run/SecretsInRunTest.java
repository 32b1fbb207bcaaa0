package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.jobs.cli.Main;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 point 6: credential-bearing settings (an SSE-C key, an Azure account key, the
 * Pushgateway's user:password@) reach no log line, warning, report, history entry or metrics file.
 */
@ExtendWith(SharedSpark.class)
class SecretsInRunTest {
    private static final String SSE_KEY = "SSECKEYVALUE12345";
    private static final String AZURE_KEY = "AZUREACCOUNTKEY123";
    private static final String PUSH_PASSWORD = "PGPASSWORD99";

    @TempDir
    Path tmp;

    @Test
    void noCredentialReachesAnythingTheRunWrites() throws Exception {
        Workspace ws = new Workspace(tmp);
        Path input = ws.input("tiny.jsonl", DailyRunTest.TINY);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of(
                "--set", "spark.hadoop.fs.s3a.encryption.key=" + SSE_KEY,
                "--set", "spark.hadoop.fs.azure.account.key.acct.blob.core.windows.net=" + AZURE_KEY,
                "--set", "metrics.pushgateway_url=http://ops:" + PUSH_PASSWORD + "@127.0.0.1:" + closed + "/"));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = ws.run("2026-01-01", input, null, args.toArray(String[]::new));
        } finally {
            System.setOut(out);
            System.setErr(err);
            // The shared session keeps what a run set; no later test should meet these settings.
            Configuration shared = SharedSpark.session().sparkContext().hadoopConfiguration();
            shared.unset("fs.s3a.encryption.key");
            shared.unset("fs.azure.account.key.acct.blob.core.windows.net");
        }
        String console = printed.toString(StandardCharsets.UTF_8);
        out.print(console);

        assertEquals(0, code, console);
        assertTrue(console.contains("could not push metrics to http://127.0.0.1:" + closed), console);
        List<Path> written = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tmp)) {
            files.filter(Files::isRegularFile).filter(p -> !p.startsWith(tmp.resolve("input"))).forEach(written::add);
        }
        assertTrue(written.stream().anyMatch(p -> p.toString().contains("/history/")), written.toString());
        String history = Files.readString(ws.historyEntries("demo", "home").get(0));
        assertTrue(history.contains("fs.s3a.encryption.key=***"), history);
        for (String secret : List.of(SSE_KEY, AZURE_KEY, PUSH_PASSWORD)) {
            assertFalse(console.contains(secret), secret + " printed: " + console);
            for (Path file : written) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(secret), secret + " in " + file);
            }
        }
    }
}
