package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.jobs.spark.SparkCompat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which launcher started main, from its frames; and Spark's exit exception on this Spark line. */
class LauncherExitTest {

    @Test
    void theLauncherIsToldApartByItsFrames() {
        assertEquals(LauncherExit.Launcher.YARN_CLUSTER, LauncherExit.launcher(List.of(
                "io.recsys.pipelines.jobs.cli.Main", "java.lang.reflect.Method",
                "org.apache.spark.deploy.yarn.ApplicationMaster$$anon$2", "java.lang.Thread")));
        assertEquals(LauncherExit.Launcher.STANDALONE_CLUSTER, LauncherExit.launcher(List.of(
                "io.recsys.pipelines.jobs.cli.Main", "org.apache.spark.deploy.worker.DriverWrapper$",
                "org.apache.spark.deploy.worker.DriverWrapper")));
        assertEquals(LauncherExit.Launcher.SPARK_SUBMIT, LauncherExit.launcher(List.of(
                "io.recsys.pipelines.jobs.cli.Main", "org.apache.spark.deploy.JavaMainApplication",
                "org.apache.spark.deploy.SparkSubmit", "org.apache.spark.deploy.SparkSubmit$")));
        assertEquals(LauncherExit.Launcher.PLAIN_JVM, LauncherExit.launcher(List.of("io.recsys.pipelines.jobs.cli.Main")));
    }

    @Test
    void sparksUserAppExceptionCarriesTheCodeOnThisSparkLine() throws Exception {
        Exception e = SparkCompat.userAppException(7);
        assertEquals("org.apache.spark.SparkUserAppException", e.getClass().getName());
        assertEquals(7, e.getClass().getMethod("exitCode").invoke(e));
    }
}
