package io.recsys.pipelines.registry;

/** What a manifest command printed and returned. */
public record CliResult(int exitCode, String out, String err) {

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
