package io.recsys.pipelines.common.errors;

/**
 * A failure the operator can act on: the message says what was wrong, where, and what to do.
 * The CLI prints the message without a stack trace and exits with {@link #exitCode()}.
 */
public class PipelineException extends RuntimeException {
    private final ExitCode exitCode;

    public PipelineException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public PipelineException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** Spark and Hadoop wrap what a task threw; the cause chain may still hold one of ours. */
    public static PipelineException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PipelineException p) {
                return p;
            }
        }
        return null;
    }

    public static PipelineException usage(String message) {
        return new PipelineException(ExitCode.USAGE, message);
    }

    public static PipelineException inputRejected(String message) {
        return new PipelineException(ExitCode.INPUT_REJECTED, message);
    }

    public static PipelineException storage(String message, Throwable cause) {
        return new PipelineException(ExitCode.STORAGE, message, cause);
    }
}
