package io.recsys.pipelines.jobs.cli;

import picocli.CommandLine;

/** The code version from the jar manifest (falls back to "dev" when run from classes). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[]{"recsys-pipelines " + version()};
    }
}
