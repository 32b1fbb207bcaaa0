package io.recsys.pipelines.jobs.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** What a command printed on stdout or stderr while {@code action} ran; it is echoed too, for the test log. */
public final class Captured {
    private Captured() {
    }

    public static String out(Runnable action) {
        return capture(action, () -> System.out, System::setOut);
    }

    public static String err(Runnable action) {
        return capture(action, () -> System.err, System::setErr);
    }

    private static String capture(Runnable action, Supplier<PrintStream> current, Consumer<PrintStream> set) {
        PrintStream original = current.get();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        set.accept(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            set.accept(original);
        }
        String captured = buffer.toString(StandardCharsets.UTF_8);
        original.print(captured);
        return captured;
    }
}
