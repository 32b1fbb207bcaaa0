package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.jobs.testing.ChildRun;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import io.recsys.pipelines.jobs.testing.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run that replaces a day is killed (a child JVM halted, no clean-up of any kind) before, while
 * and after the canonical table's commit: the table then holds all of the day's old rows or all of
 * its new ones, never both, and the next run is correct. With the Parquet-only store, a kill
 * between the append and the delete left both, counted twice by every later run.
 */
@ExtendWith(SharedSpark.class)
class CrashSafetyTest {
    static final String DAY = "2026-01-01";
    static final List<String> OLD = List.of("A", "B");
    static final List<String> NEW = List.of("A", "C", "D");

    @TempDir
    Path tmp;
    Workspace ws;
    Path input;

    @BeforeEach
    void storeHoldsTheOldDay() {
        ws = new Workspace(tmp);
        input = ws.input("day.jsonl", lines(OLD));
        assertEquals(0, ws.run(DAY, input, null, "--kinds", "popularity"));
        assertEquals(OLD, items());
        ws.input("day.jsonl", lines(NEW));
    }

    @Test
    void killedWhileWritingTheFilesTheDayKeepsItsOldRows() throws Exception {
        assertEquals(CrashHooks.HALT_CODE, killedRun("while-writing"));
        assertEquals(OLD, items(), "no half-written file is part of the table");
        reRunIsCorrect();
    }

    @Test
    void killedJustBeforeTheCommitTheDayKeepsItsOldRows() throws Exception {
        assertEquals(CrashHooks.HALT_CODE, killedRun("before-commit"));
        assertEquals(OLD, items(), "written files are invisible until the commit");
        reRunIsCorrect();
    }

    @Test
    void killedRightAfterTheCommitTheDayHasOnlyItsNewRows() throws Exception {
        assertEquals(CrashHooks.HALT_CODE, killedRun("after-commit"));
        assertEquals(NEW, items(), "the commit replaced the day whole");
        reRunIsCorrect();
    }

    @Test
    void twoRunsCommittingTheSameDayOneWinsTheOtherExits6AndNothingIsDuplicated() throws Exception {
        Path signal = tmp.resolve("paused");
        Path resume = tmp.resolve("resume");
        ChildRun slow = ChildRun.start(tmp, Map.of(CrashHooks.AT, "pause-before-commit",
                CrashHooks.TABLE, "/canonical/exposures", CrashHooks.SIGNAL, signal.toString(),
                CrashHooks.RESUME, resume.toString(), "spark.delta.logStore.file.impl", CrashHooks.LogStore.class.getName()),
                runArgs());
        long deadline = System.currentTimeMillis() + 240_000;
        while (!Files.exists(signal) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(signal), "the first run reached its commit: " + slow.output());

        ws.input("day.jsonl", lines(List.of("E")));
        assertEquals(0, ws.run(DAY, input, null, "--kinds", "popularity"), "the second run commits first");
        Files.writeString(resume, "go");

        assertEquals(6, slow.await(), slow.output());
        String out = slow.output();
        assertTrue(out.contains("canonical/exposures") && out.contains("dt IN (DATE'2026-01-01')"), out);
        assertTrue(out.contains("exit code 6"), out);
        assertEquals(List.of("E"), items(), "the winner's rows only, once");
    }

    private int killedRun(String moment) throws Exception {
        ChildRun child = ChildRun.start(tmp, Map.of(CrashHooks.AT, moment, CrashHooks.TABLE, "/canonical/exposures",
                "spark.delta.logStore.file.impl", CrashHooks.LogStore.class.getName(),
                "spark.hadoop.fs.file.impl", CrashHooks.FileSystem.class.getName(),
                "spark.hadoop.fs.file.impl.disable.cache", "true"), runArgs());
        int code = child.await();
        if (code != CrashHooks.HALT_CODE) {
            System.out.println(child.output());
        }
        return code;
    }

    private void reRunIsCorrect() {
        assertEquals(0, ws.run(DAY, input, null, "--kinds", "popularity"));
        assertEquals(NEW, items());
        assertEquals(NEW.size(), delta("aggregates/daily").filter("dt = DATE'" + DAY + "'").count());
        String uri = ws.pointer("demo", "home").get("current").get("popularity").asText();
        String items = Workspace.readJson(Path.of(uri.substring("file://".length()))).get("items").toString();
        assertEquals("[{\"item_id\":\"A\",\"count\":1},{\"item_id\":\"C\",\"count\":1},{\"item_id\":\"D\",\"count\":1}]", items);
    }

    private List<String> runArgs() {
        List<String> args = new ArrayList<>(List.of("run", "--date", DAY, "--kinds", "popularity"));
        args.addAll(ws.storageArgs());
        args.addAll(List.of("--set", "input.exposures=" + input, "--set", "input.outcomes=", "--set", "spark.master=local[2]",
                "--set", "spark.sql.shuffle.partitions=2", "--set", "spark.ui.enabled=false"));
        return args;
    }

    private List<String> items() {
        return delta("canonical/exposures").filter("dt = DATE'" + DAY + "'").select("item_id")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList().stream().sorted().toList();
    }

    private org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> delta(String table) {
        return SharedSpark.session().read().format("delta").load(tmp.resolve(table).toString());
    }

    static String[] lines(List<String> items) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            lines.add("{\"v\":1,\"ts\":\"" + DAY + "T08:00:0" + i + "Z\",\"tenant\":\"demo\",\"surface\":\"home\","
                    + "\"session_id\":\"s" + i + "\",\"item_id\":\"" + items.get(i) + "\"}");
        }
        return lines.toArray(String[]::new);
    }
}
