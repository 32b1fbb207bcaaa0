package io.recsys.pipelines.common.errors;

/** Documented process exit codes; schedulers decide on retries from these. */
public enum ExitCode {
    OK(0, "success"),
    UNEXPECTED(1, "unexpected failure"),
    USAGE(2, "usage or configuration error"),
    INPUT_REJECTED(3, "input rejected: reject budget exceeded or no input files for the window"),
    LIMIT_EXCEEDED(4, "a configured limit was exceeded"),
    GATE_REFUSED(5, "a publish gate refused the artifacts"),
    CONFLICT(6, "a concurrent publish won"),
    STORAGE(7, "storage unreachable or failing");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
