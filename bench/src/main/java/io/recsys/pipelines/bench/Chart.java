package io.recsys.pipelines.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The report's chart as a self-contained SVG (plain strings, no charting library): left, the
 * strong scaling runs' end-to-end seconds with their speed-up over the first run; right, the
 * longest stages of the local[2] run (or, without scaling runs, of the largest size's daily run),
 * each bar split into the largest task's share and the rest, flagged stages in red.
 */
final class Chart {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 460;
    private static final int MAX_STAGES = 14;
    private static final String FONT = "font-family=\"sans-serif\"";

    private Chart() {
    }

    static String svg(BenchReport report) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT, WIDTH, HEIGHT));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        text(s, 20, 24, "recsys-pipelines benchmark " + report.date(), "bold", "start", 14);
        scalingPanel(s, report, 20, 50, 470, 380);
        stagesPanel(s, report, 530, 50, 650, 380);
        s.append("</svg>\n");
        return s.toString();
    }

    private static void scalingPanel(StringBuilder s, BenchReport report, int x, int y, int w, int h) {
        List<JsonNode> runs = report.scaling();
        if (runs.isEmpty()) {
            text(s, x, y + 20, "strong scaling: not run (bench.sh --parts scaling)", "normal", "start", 12);
            return;
        }
        JsonNode first = runs.get(0);
        text(s, x, y, "Strong scaling: the daily run (" + first.path("kinds").asText() + ")", "bold", "start", 12);
        text(s, x, y + 16, String.format(Locale.ROOT, "one pair, %,d lines, one JVM each; seconds and speed-up over %s",
                first.path("events").asLong(), first.path("label").asText()), "normal", "start", 10);
        int top = y + 60;
        int bottom = y + h - 40;
        double max = runs.stream().mapToDouble(r -> r.path("seconds").asDouble()).max().orElse(1);
        double base = first.path("seconds").asDouble();
        int slot = w / runs.size();
        line(s, x, bottom, x + w, bottom, "#333");
        for (int i = 0; i < runs.size(); i++) {
            JsonNode run = runs.get(i);
            double seconds = run.path("seconds").asDouble();
            int barHeight = (int) Math.round((bottom - top) * seconds / max);
            int bx = x + i * slot + slot / 6;
            int bw = slot * 2 / 3;
            boolean ok = run.path("finished").asBoolean(true);
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    bx, bottom - barHeight, bw, barHeight, !ok ? "#c0392b" : i < 2 ? "#4a7fb5" : "#5aa469"));
            text(s, bx + bw / 2, bottom - barHeight - 18, String.format(Locale.ROOT, "%.1f s", seconds), "normal", "middle", 12);
            text(s, bx + bw / 2, bottom - barHeight - 4, ok ? String.format(Locale.ROOT, "%.2fx", base / seconds) : "failed",
                    "bold", "middle", 11);
            text(s, bx + bw / 2, bottom + 16, run.path("label").asText(), "normal", "middle", 10);
            text(s, bx + bw / 2, bottom + 30, run.path("task_skew").path("flagged_stages").asInt() + " flagged stage(s)",
                    "normal", "middle", 10);
        }
    }

    private static void stagesPanel(StringBuilder s, BenchReport report, int x, int y, int w, int h) {
        JsonNode skew = report.scalingRun(BenchReport.LOCAL_2).map(r -> r.path("task_skew"))
                .orElse(report.sizes().isEmpty() ? null : report.largest().path("daily_run_task_skew"));
        String title = report.scalingRun(BenchReport.LOCAL_2).isPresent()
                ? "Longest stages of the local[2] run (single pair)" : "Longest stages of the daily run (b), largest size";
        if (skew == null || skew.path("all").isMissingNode()) {
            text(s, x, y + 20, "per-stage time: no event log in this report", "normal", "start", 12);
            return;
        }
        text(s, x, y, title, "bold", "start", 12);
        text(s, x, y + 16, "dark: the largest task's time, scaled to the stage; red: longer than 2 s with one task "
                + "> 50% of the stage's task time", "normal", "start", 10);
        List<JsonNode> stages = new ArrayList<>();
        skew.path("all").forEach(stages::add);
        stages.sort(Comparator.comparingDouble((JsonNode st) -> st.path("seconds").asDouble()).reversed());
        stages = stages.subList(0, Math.min(MAX_STAGES, stages.size()));
        if (stages.isEmpty()) {
            text(s, x, y + 40, "no completed stages", "normal", "start", 12);
            return;
        }
        int labelWidth = 290;
        int barMax = w - labelWidth - 130;
        int rowHeight = Math.min(24, (h - 40) / stages.size());
        double max = stages.get(0).path("seconds").asDouble();
        for (int i = 0; i < stages.size(); i++) {
            JsonNode st = stages.get(i);
            int ry = y + 32 + i * rowHeight;
            double seconds = st.path("seconds").asDouble();
            double share = st.path("largest_task_share").asDouble();
            boolean flagged = st.path("flagged").asBoolean();
            int full = (int) Math.max(1, Math.round(barMax * seconds / Math.max(max, 1e-9)));
            int largest = (int) Math.round(full * share);
            text(s, x + labelWidth - 6, ry + rowHeight - 8, "#" + st.path("stage").asText() + " "
                    + clip(BenchReport.where(st), 44), "normal", "end", 10);
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    x + labelWidth, ry + 3, full, rowHeight - 6, flagged ? "#f1a9a0" : "#b7cde3"));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    x + labelWidth, ry + 3, largest, rowHeight - 6, flagged ? "#c0392b" : "#4a7fb5"));
            text(s, x + labelWidth + full + 4, ry + rowHeight - 8, String.format(Locale.ROOT, "%.1f s, %d tasks, %.0f%%",
                    seconds, st.path("tasks").asInt(), share * 100), "normal", "start", 10);
        }
    }

    private static String clip(String name, int max) {
        return name.length() <= max ? name : name.substring(0, max - 3) + "...";
    }

    private static void line(StringBuilder s, int x1, int y1, int x2, int y2, String color) {
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>%n",
                x1, y1, x2, y2, color));
    }

    private static void text(StringBuilder s, int x, int y, String content, String weight, String anchor, int size) {
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" %s font-weight=\"%s\" text-anchor=\"%s\" "
                + "font-size=\"%d\">%s</text>%n", x, y, FONT, weight, anchor, size,
                escape(content)));
    }

    /** Stage names hold plan text ({@code <}, {@code &}); they must not break the XML. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
