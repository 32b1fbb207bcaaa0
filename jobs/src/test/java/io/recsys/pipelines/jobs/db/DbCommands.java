package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.jobs.cli.Main;
import io.recsys.pipelines.jobs.testing.Workspace;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs DB-mode commands through Main against a workspace and a test database, capturing what they print. */
final class DbCommands {
    private DbCommands() {
    }

    /** Exit code and output of one command. */
    record Outcome(int exitCode, String out, String err) {
    }

    /** One exposure line of the contract's event format. */
    static String exposure(String ts, String tenant, String surface, String session, String item) {
        return "{\"v\":1,\"ts\":\"" + ts + "\",\"tenant\":\"" + tenant + "\",\"surface\":\"" + surface
                + "\",\"session_id\":\"" + session + "\",\"item_id\":\"" + item + "\"}";
    }

    /** `db-signals` (or any command given in {@code command}) over the workspace's storage and the given input. */
    static Outcome signals(Workspace ws, TestDatabase db, Path exposures, Path outcomes, String... command) {
        List<String> args = new ArrayList<>(Arrays.asList(command));
        args.addAll(ws.storageArgs());
        args.addAll(List.of("--set", "input.exposures=" + exposures,
                "--set", "input.outcomes=" + (outcomes == null ? "" : outcomes.toString())));
        args.addAll(db.setArgs());
        return main(args);
    }

    static Outcome main(List<String> args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBuffer = new ByteArrayOutputStream();
        ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBuffer, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBuffer, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        Outcome outcome = new Outcome(code, outBuffer.toString(StandardCharsets.UTF_8), errBuffer.toString(StandardCharsets.UTF_8));
        out.print(outcome.out());
        err.print(outcome.err());
        return outcome;
    }
}
