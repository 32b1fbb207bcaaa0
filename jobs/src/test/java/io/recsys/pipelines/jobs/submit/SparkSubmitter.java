package io.recsys.pipelines.jobs.submit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shaded jar through Spark's own submit entry point ({@code org.apache.spark.deploy.SparkSubmit})
 * in a child JVM with only Spark's jars and the shaded jar on its classpath, as on a cluster
 * without any of our other jars. The integration tests' one way to submit; they run after
 * {@code package} (failsafe), which writes the files read here.
 */
final class SparkSubmitter {
    /** Bounded: a hung submit fails its test instead of the build. */
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    private final String sparkClasspath;
    private final Path shadedJar;
    private final List<String> jvmOptions;

    private SparkSubmitter(String sparkClasspath, Path shadedJar, List<String> jvmOptions) {
        this.sparkClasspath = sparkClasspath;
        this.shadedJar = shadedJar;
        this.jvmOptions = jvmOptions;
    }

    record Submitted(int exitCode, String output) {
    }

    /** The jobs module's build folder, as failsafe passes it. */
    static Path target() {
        return Path.of(System.getProperty("jobs.target", "target"));
    }

    static SparkSubmitter locate() throws IOException {
        Path target = target();
        String classpath = Files.readString(target.resolve("spark-classpath.txt")).trim();
        Path jar;
        try (var files = Files.list(target)) {
            jar = files.filter(p -> p.getFileName().toString().matches("recsys-pipelines-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no shaded jar in " + target));
        }
        return new SparkSubmitter(classpath, jar, jvmOptions(target));
    }

    /** Spark's add-opens flags, written by the build from the parent pom. */
    static List<String> jvmOptions(Path target) throws IOException {
        return List.of(Files.readString(target.resolve("jvm-options.txt")).trim().split("\\s+"));
    }

    /** The Maven-resolved jars a cluster provides: Spark, Hadoop client and their dependencies. */
    List<Path> sparkJars() {
        return List.of(sparkClasspath.split(java.io.File.pathSeparator)).stream().map(Path::of).toList();
    }

    List<String> jvmOptions() {
        return jvmOptions;
    }

    /**
     * Submits {@code io.recsys.pipelines.jobs.cli.Main} with the given spark-submit options (master
     * and the rest) and application arguments, in {@code workDir}; the output goes to a log file
     * there and is printed once the process ends.
     */
    Submitted submit(Path workDir, List<String> sparkOptions, List<String> appArgs) throws Exception {
        return submit(workDir, sparkOptions, appArgs, TIMEOUT);
    }

    Submitted submit(Path workDir, List<String> sparkOptions, List<String> appArgs, Duration timeout) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // The driver of a client-mode submit is this JVM: a bounded heap, as on a small gateway host.
        command.add("-Xmx1g");
        command.addAll(List.of("-cp", sparkClasspath, "org.apache.spark.deploy.SparkSubmit"));
        command.addAll(sparkOptions);
        command.addAll(List.of("--class", "io.recsys.pipelines.jobs.cli.Main", shadedJar.toString()));
        command.addAll(appArgs);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Path log = workDir.resolve("submit-" + System.nanoTime() + ".log");
        pb.redirectOutput(log.toFile());
        Process process = pb.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("spark-submit did not finish within " + timeout.toSeconds()
                        + " s: " + Files.readString(log));
            }
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        return new Submitted(process.exitValue(), output);
    }
}
