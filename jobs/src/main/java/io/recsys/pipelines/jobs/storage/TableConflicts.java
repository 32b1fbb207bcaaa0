package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;

import java.util.Optional;

/**
 * Turns Delta's optimistic-concurrency failures into exit 6. Matched by class hierarchy name, not
 * by type, because the public {@code io.delta.exceptions} classes and their internal parents moved
 * between Delta 3.3 and 4.1; both name {@code DeltaConcurrentModificationException}.
 */
public final class TableConflicts {
    private static final String CONCURRENT = "DeltaConcurrentModificationException";

    private TableConflicts() {
    }

    public static Optional<RuntimeException> ifConflict(Throwable failure, String table, Object root, String predicate) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (isConcurrentModification(t.getClass())) {
                return Optional.of(new PipelineException(ExitCode.CONFLICT, "table " + table + " (" + root
                        + "): another run committed to the same partitions (" + predicate + ") while this one was "
                        + "writing them, so this run's commit was refused and nothing of it is in the table. "
                        + "Run it again once the other run is done (Delta: " + firstLine(t.getMessage()) + ")", failure));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code failure} is the race of two drivers creating the same table: both wrote their first
     * commit's metadata, and the loser sees the winner's protocol or metadata. Nothing of the loser is in
     * the table, and the table now exists, so writing again is a plain commit (disjoint partitions pass).
     */
    static boolean isCreationRace(Throwable failure, boolean tableExistedBefore) {
        if (tableExistedBefore) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.equals("ProtocolChangedException") || name.equals("MetadataChangedException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code write}; when it lost the race to create the table ({@link #isCreationRace}), runs
     * {@code writeToExisting} once. A failure left is turned into the caller's error by {@code failure}.
     */
    public static void writeRetryingCreationRace(boolean tableExistedBefore, Runnable write, Runnable writeToExisting,
                                                 java.util.function.UnaryOperator<RuntimeException> failure) {
        try {
            write.run();
        } catch (RuntimeException e) {
            if (!isCreationRace(e, tableExistedBefore)) {
                throw failure.apply(e);
            }
            try {
                writeToExisting.run();
            } catch (RuntimeException again) {
                throw failure.apply(again);
            }
        }
    }

    static boolean isConcurrentModification(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getSimpleName().equals(CONCURRENT)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
