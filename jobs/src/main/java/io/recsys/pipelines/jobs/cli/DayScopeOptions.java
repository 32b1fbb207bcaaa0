package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.common.storage.Identifiers;
import picocli.CommandLine.Option;

import java.time.LocalDate;

/** Which days and which (tenant, surface): shared by `run` and `db-signals`. */
public final class DayScopeOptions {
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The UTC day to process (same as --start D --end D).")
    LocalDate date;

    @Option(names = "--start", paramLabel = "YYYY-MM-DD",
            description = "First day of a range (a back-fill), or of a first incremental run.")
    LocalDate start;

    @Option(names = "--end", paramLabel = "YYYY-MM-DD",
            description = "Last day of a range or of an incremental run; `run` publishes it.")
    LocalDate end;

    @Option(names = "--tenant", paramLabel = "T", description = "Only this tenant (default: every tenant in the data).")
    String tenant;

    @Option(names = "--surface", paramLabel = "S", description = "Only this surface (default: every surface in the data).")
    String surface;

    public LocalDate date() {
        return date;
    }

    public LocalDate start() {
        return start;
    }

    public LocalDate end() {
        return end;
    }

    public String tenant() {
        return tenant;
    }

    public String surface() {
        return surface;
    }

    /** --tenant and --surface must be identifiers, like the data's: a usage error (exit 2) otherwise. */
    public void checkScope(Identifiers rule) {
        if (tenant != null) {
            rule.require("--tenant", tenant);
        }
        if (surface != null) {
            rule.require("--surface", surface);
        }
    }

    /** The first day: --date, or --start. */
    public LocalDate first() {
        return date != null ? date : start;
    }

    /** The last day: --date, or --end. */
    public LocalDate last() {
        return date != null ? date : end;
    }
}
