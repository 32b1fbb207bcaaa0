package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.common.errors.ExitCode;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How every usage error reads, whether picocli found it (unknown option, bad value) or a command
 * did (bad range, unknown config key): one "error:" line, a pointer to the command's help, and the
 * same exit-code footer as every other failure. Never the usage text itself (40 lines that hide
 * the one that matters), never an exception class name.
 */
final class UsageErrors {
    /** What picocli appends to conversion errors: "(java.time.format.DateTimeParseException: ...)". */
    private static final Pattern EXCEPTION_SUFFIX =
            Pattern.compile("\\s*\\((?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b[^)]*\\)");
    private static final Pattern EXCEPTION_NAME = Pattern.compile("(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error):\\s*");

    private UsageErrors() {
    }

    /** Converters whose messages say what is wrong with the value, for every command of the tree. */
    static void registerConverters(CommandLine cli) {
        cli.registerConverter(LocalDate.class, UsageErrors::day);
    }

    static LocalDate day(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            String why = e.getMessage().replaceFirst("^Text '.*' could not be parsed(: )?", "");
            throw new CommandLine.TypeConversionException("'" + text + "' is not a day of the form YYYY-MM-DD"
                    + (why.isEmpty() || why.startsWith("at index") ? "" : " (" + why + ")"));
        }
    }

    /** picocli's handler for parse errors (and ParameterExceptions a command throws). */
    static int parameterError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        List<String> suggestions = e instanceof CommandLine.UnmatchedArgumentException u ? u.getSuggestions() : List.of();
        String message = clean(e.getMessage());
        if (!suggestions.isEmpty()) {
            message += " (did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?)";
        }
        return print(cli.getErr(), message, cli);
    }

    /** Prints a usage error the way every usage error ends, and returns exit code 2. */
    static int print(PrintWriter err, String message, CommandLine where) {
        err.println("error: " + clean(message));
        err.println(hint(where));
        err.println(footer(ExitCode.USAGE));
        err.flush();
        return ExitCode.USAGE.code();
    }

    static String footer(ExitCode code) {
        return "exit code " + code.code() + " (" + code.meaning() + ")";
    }

    /** "see `recsys-pipelines run --help`": the help of the command the user typed. */
    static String hint(CommandLine where) {
        return "usage: see `" + where.getCommandSpec().qualifiedName() + " --help`";
    }

    static String clean(String message) {
        if (message == null) {
            return "";
        }
        String text = EXCEPTION_NAME.matcher(EXCEPTION_SUFFIX.matcher(message).replaceAll("")).replaceAll("");
        // "Invalid value for option '--date': ..." reads as "--date: ..."; picocli's own "Error: " prefix goes.
        return text.replaceFirst("^Invalid value for option '([^']+)': ", "$1: ").replaceFirst("^Error: ", "");
    }
}
