package io.recsys.pipelines.jobs.spark;

import java.lang.reflect.InvocationTargetException;

/**
 * The few Spark APIs whose shape differs between the supported Spark lines (3.5, 4.0, 4.1), in one
 * place, so that the rest of the code compiles against any line unchanged (docs/spark-lines.md).
 */
public final class SparkCompat {
    private static final String USER_APP_EXCEPTION = "org.apache.spark.SparkUserAppException";

    private SparkCompat() {
    }

    /**
     * Spark's own "the user application exited with this code" exception, which SparkSubmit turns
     * into its exit code and YARN's ApplicationMaster into the application's final status and exit
     * code. Its constructor is (int) on Spark 3.5 and (int, Throwable) from Spark 4.0 on.
     */
    public static Exception userAppException(int exitCode) {
        try {
            Class<?> type = Class.forName(USER_APP_EXCEPTION);
            try {
                return (Exception) type.getConstructor(int.class, Throwable.class).newInstance(exitCode, null);
            } catch (NoSuchMethodException spark35) {
                return (Exception) type.getConstructor(int.class).newInstance(exitCode);
            }
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException("this Spark has no usable " + USER_APP_EXCEPTION, e);
        }
    }
}
