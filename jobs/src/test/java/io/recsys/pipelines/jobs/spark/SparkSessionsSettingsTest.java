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
}
