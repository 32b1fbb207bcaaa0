package io.recsys.pipelines.jobs.testing;

import io.recsys.pipelines.jobs.spark.SparkSessions;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local[2] SparkSession per test JVM (starting one costs seconds), injected into test
 * constructors and methods that ask for a {@link SparkSession}. Commands under test find it
 * active and leave it running.
 */
public final class SharedSpark implements ParameterResolver {
    private static SparkSession session;

    public static synchronized SparkSession session() {
        if (session == null) {
            SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("recsys-pipelines-tests")
                    .set("spark.sql.shuffle.partitions", "2")
                    .set("spark.default.parallelism", "2")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            SparkSessions.applyRequired(conf);
            session = SparkSession.builder().config(conf).getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return session();
    }
}
