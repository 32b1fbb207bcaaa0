package io.recsys.pipelines.jobs.lines;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Raw input files for the reader's tests, and the lines a reader must find in them. */
final class LineFiles {
    static final String BOM = "\uFEFF";

    private LineFiles() {
    }

    /** Every kind of line break and line the reader must handle, ending without a line break. */
    static String assorted() {
        return BOM + "first\r\n" + "second\n" + "\n" + "   \n" + "lone\rreturn\r\n" + "\r\n" + "ünïcödé €\n"
                + "{\"v\":1}\r" + "\r" + "last without newline";
    }

    /** {@code n} lines of varied length and breaks (blank ones too), seeded: the same text every time. */
    static String varied(int n, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        String[] breaks = {"\n", "\r\n", "\r"};
        for (int i = 0; i < n; i++) {
            int length = random.nextInt(5) == 0 ? 0 : random.nextInt(60);
            text.append("line").append(i).append(':');
            for (int c = 0; c < length; c++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            text.append(breaks[random.nextInt(breaks.length)]);
            if (random.nextInt(10) == 0) {
                text.append('\n');
            }
        }
        return text.toString();
    }

    /**
     * The lines of {@code text} as Spark's text source finds them: broken at \r\n, \r or \n, no empty
     * line after a final break, a byte order mark at the start dropped.
     */
    static List<String> expected(String text) {
        String body = text.startsWith(BOM) ? text.substring(1) : text;
        List<String> lines = new ArrayList<>(Arrays.asList(body.split("\r\n|\r|\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path gzip(Path file, String text) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The files as the input resolver lists them: Hadoop path strings with their sizes. */
    static Map<String, Long> listed(Path... files) {
        Map<String, Long> listed = new LinkedHashMap<>();
        try {
            for (Path file : files) {
                listed.put("file:" + file.toAbsolutePath(), Files.size(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return listed;
    }
}
