package io.recsys.pipelines.jobs.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * An HTTP proxy in front of the test S3 server that records what each request carried (method,
 * target, headers) and forwards it byte for byte: the request line, every header as received (Host
 * included) and the body, so that a SigV4 signature still holds at the server. Only hop-by-hop
 * headers change (Connection: one request per connection), and headers named in {@code stripped} are
 * not forwarded, for what the test server cannot take (it answers a session token with 501): a test
 * that strips a signed header must forward to a server without authorization. It can also lose the
 * answer of one request after the server carried it out, as a network does.
 */
public final class RecordingProxy implements AutoCloseable {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection");

    /**
     * One request as the proxy received it, with the server's status.
     *
     * @param headers lower-cased names; repeated headers joined with ", "
     * @param dropped the server carried it out, but its answer never reached the client
     */
    public record Exchange(String method, String target, Map<String, String> headers, int status, boolean dropped) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        @Override
        public String toString() {
            return method + " " + target + " -> " + status + (dropped ? " (answer dropped)" : "");
        }
    }

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final Set<String> stripped;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final AtomicReference<Predicate<Exchange>> dropOnce = new AtomicReference<>();
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "recording-proxy");
        t.setDaemon(true);
        return t;
    });

    private RecordingProxy(ServerSocket server, URI upstream, Set<String> stripped) {
        this.server = server;
        this.upstreamHost = upstream.getHost();
        this.upstreamPort = upstream.getPort();
        this.stripped = stripped;
        connections.submit(this::acceptLoop);
    }

    /** @param stripped lower-case header names not forwarded to the server */
    public static RecordingProxy to(String upstreamUrl, Set<String> stripped) {
        try {
            return new RecordingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), URI.create(upstreamUrl),
                    stripped);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** host:port, the way s3.endpoint takes it. */
    public String endpoint() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Everything forwarded so far, in the order the answers came. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** The next request that matches is carried out by the server, then its connection closes unanswered. */
    public void dropAnswerOnce(Predicate<Exchange> which) {
        dropOnce.set(which);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.submit(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(30_000);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            String requestLine = line(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return;
            }
            List<String> headerLines = headerLines(in);
            Map<String, String> headers = headerMap(headerLines);
            if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
                out.write(CONTINUE);
                out.flush();
            }
            byte[] body = body(in, headers);
            byte[] response = forward(requestLine, headerLines, body);
            String[] parts = requestLine.split(" ");
            Predicate<Exchange> drop = dropOnce.get();
            Exchange exchange = new Exchange(parts[0], parts[1], headers, status(response), false);
            if (drop != null && drop.test(exchange) && dropOnce.compareAndSet(drop, null)) {
                exchanges.add(new Exchange(parts[0], parts[1], headers, exchange.status(), true));
                return;
            }
            exchanges.add(exchange);
            out.write(response);
            out.flush();
        } catch (IOException e) {
            // The client went away; it retries or fails on its own.
        }
    }

    /** The request to the server on its own connection, and its whole answer (the server closes after it). */
    private byte[] forward(String requestLine, List<String> headerLines, byte[] body) throws IOException {
        try (Socket upstream = new Socket(upstreamHost, upstreamPort)) {
            upstream.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((requestLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            for (String header : headerLines) {
                String name = header.substring(0, header.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                if (!HOP_BY_HOP.contains(name) && !stripped.contains(name)) {
                    request.writeBytes((header + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            request.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(body);
            upstream.getOutputStream().write(request.toByteArray());
            upstream.getOutputStream().flush();
            return oneConnectionAnswer(upstream.getInputStream().readAllBytes());
        }
    }

    /** Without the server's interim 100 answers (the client had ours), and marked as closing the connection. */
    private static byte[] oneConnectionAnswer(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        while (text.startsWith("HTTP/1.1 1")) {
            text = text.substring(text.indexOf("\r\n\r\n") + 4);
        }
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        StringBuilder head = new StringBuilder();
        for (String line : text.substring(0, end).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || !HOP_BY_HOP.contains(line.substring(0, colon).trim().toLowerCase(Locale.ROOT))) {
                head.append(line).append("\r\n");
            }
        }
        head.append("Connection: close\r\n\r\n");
        return (head + text.substring(end + 4)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int status(byte[] response) {
        String statusLine = new String(response, 0, Math.min(response.length, 64), StandardCharsets.ISO_8859_1);
        String[] parts = statusLine.split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1].trim()) : -1;
    }

    private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return chunks(in);
        }
        String length = headers.get("content-length");
        return length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length.trim()));
    }

    /** A chunked body as it came (the framing is forwarded too), read up to its last chunk and trailers. */
    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            raw.writeBytes((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    raw.writeBytes((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                raw.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return raw.toByteArray();
            }
            raw.writeBytes(in.readNBytes(length + 2));
        }
    }

    private static List<String> headerLines(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            lines.add(line);
        }
        return lines;
    }

    private static Map<String, String> headerMap(List<String> lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        return Collections.unmodifiableMap(headers);
    }

    /** One CRLF-terminated line without its end; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
