package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.jobs.spark.SparkCompat;

import java.util.List;

/**
 * Ends the process with the run's exit code in the way the launcher that started it reports: the
 * launcher is told apart by its frames below {@code main} (README, "Exit codes on a cluster").
 * <ul>
 *   <li>YARN cluster mode (ApplicationMaster): 0 returns normally, since an early System.exit, even
 *       with 0, is reported as a failed application (exit 16); any other code throws Spark's
 *       SparkUserAppException, which the ApplicationMaster turns into the application's FAILED
 *       status and the container's exit code.</li>
 *   <li>spark-submit in client or local mode, and a Kubernetes driver pod (which runs spark-submit
 *       in client mode inside the pod): 0 returns normally; any other code throws the same
 *       exception, which SparkSubmit turns into its own exit code.</li>
 *   <li>Standalone cluster mode (DriverWrapper on a worker): 0 returns normally; any other code
 *       exits the driver JVM with it (Spark is stopped by then), and the worker marks the driver
 *       FAILED. DriverWrapper would otherwise die on the exception with exit code 1.</li>
 *   <li>A plain JVM (scripts/recsys-pipelines, tests): System.exit with the code, 0 included, as
 *       nothing else would end a JVM that still has Spark's or S3A's threads.</li>
 * </ul>
 */
final class LauncherExit {
    enum Launcher { YARN_CLUSTER, STANDALONE_CLUSTER, SPARK_SUBMIT, PLAIN_JVM }

    private LauncherExit() {
    }

    static void exit(int code) throws Exception {
        switch (launcher(callers())) {
            case PLAIN_JVM -> System.exit(code);
            case STANDALONE_CLUSTER -> {
                if (code != 0) {
                    System.exit(code);
                }
            }
            case YARN_CLUSTER, SPARK_SUBMIT -> {
                if (code != 0) {
                    throw SparkCompat.userAppException(code);
                }
            }
        }
    }

    static Launcher launcher(List<String> callerClasses) {
        for (String name : callerClasses) {
            if (name.startsWith("org.apache.spark.deploy.yarn.ApplicationMaster")) {
                return Launcher.YARN_CLUSTER;
            }
            if (name.startsWith("org.apache.spark.deploy.worker.DriverWrapper")) {
                return Launcher.STANDALONE_CLUSTER;
            }
            if (name.startsWith("org.apache.spark.deploy.SparkSubmit")) {
                return Launcher.SPARK_SUBMIT;
            }
        }
        return Launcher.PLAIN_JVM;
    }

    private static List<String> callers() {
        return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName).toList());
    }
}
