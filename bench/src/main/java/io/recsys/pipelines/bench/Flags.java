package io.recsys.pipelines.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs of a benchmark step's command line; unknown names fail. */
final class Flags {
    private final Map<String, String> values = new HashMap<>();

    Flags(String[] args, String... known) {
        for (int i = 0; i < args.length; i += 2) {
            if (!java.util.List.of(known).contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + " (options: "
                        + String.join(" ", known) + ")");
            }
            values.put(args[i], args[i + 1]);
        }
    }

    long number(String name, long fallback) {
        return values.containsKey(name) ? Long.parseLong(values.get(name)) : fallback;
    }

    Path path(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return Path.of(value);
    }
}
