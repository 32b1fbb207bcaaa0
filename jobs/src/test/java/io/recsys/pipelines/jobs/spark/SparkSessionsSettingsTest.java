package io.recsys.pipelines.jobs.spark;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The web UI is off only for local runs: on a cluster it (and the history server) is how a slow stage is seen. */
class SparkSessionsSettingsTest {

    @Test
    void localRunsHaveNoWebUi() {
        SparkConf conf = new SparkConf(false).setMaster("local[2]");
        SparkSessions.applyRequired(conf);
        assertEquals("false", conf.get("spark.ui.enabled"));
    }

    @Test
    void clusterRunsKeepTheWebUiAndTheClustersEventLogSettings() {
        SparkConf conf = new SparkConf(false).setMaster("yarn").set("spark.eventLog.enabled", "true");
        SparkSessions.applyRequired(conf);
        assertFalse(conf.contains("spark.ui.enabled"), "left to Spark's default (on)");
        assertEquals("true", conf.get("spark.eventLog.enabled"));
    }

    @Test
    void localRunsGetAFewTasksPerCoreUnlessTheUserSaidOtherwise() {
        SparkConf local = new SparkConf(false).setMaster("local[2]");
        SparkSessions.applyRequired(local);
        assertEquals("6", local.get("spark.default.parallelism"));

        SparkConf chosen = new SparkConf(false).setMaster("local[2]").set("spark.default.parallelism", "5");
        SparkSessions.applyRequired(chosen);
        assertEquals("5", chosen.get("spark.default.parallelism"));

        SparkConf cluster = new SparkConf(false).setMaster("yarn");
        SparkSessions.applyRequired(cluster);
        assertFalse(cluster.contains("spark.default.parallelism"), "a cluster's parallelism is its operator's");
    }

    @Test
    void executorsRunInUtcAndAnOperatorsOwnJavaOptionsAreKept() {
        SparkConf plain = new SparkConf(false).setMaster("yarn");
        SparkSessions.applyRequired(plain);
        assertEquals("-Duser.timezone=UTC", plain.get("spark.executor.extraJavaOptions"));

        SparkConf own = new SparkConf(false).setMaster("yarn").set("spark.executor.extraJavaOptions", "-XX:+UseG1GC");
        SparkSessions.applyRequired(own);
        assertEquals("-XX:+UseG1GC -Duser.timezone=UTC", own.get("spark.executor.extraJavaOptions"));
    }

    @Test
    void localMastersNameTheirTaskThreads() {
        assertEquals(1, SparkSessions.localCores("local"));
        assertEquals(3, SparkSessions.localCores("local[3]"));
        assertEquals(4, SparkSessions.localCores("local[4, 2]"));
        assertEquals(Runtime.getRuntime().availableProcessors(), SparkSessions.localCores("local[*]"));
        assertEquals(Runtime.getRuntime().availableProcessors(), SparkSessions.localCores("local[*,3]"));
    }
}
