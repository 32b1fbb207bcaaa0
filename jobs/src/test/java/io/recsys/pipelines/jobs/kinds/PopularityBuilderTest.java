package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.config.PipelineConfig.PopularityWeights;
import io.recsys.pipelines.jobs.aggregate.DailyAggregates;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(SharedSpark.class)
class PopularityBuilderTest {
    private static final PopularityWeights EXPOSURES_ONLY = new PopularityWeights(1, 0, 0);
    private final SparkSession spark;
    private final List<Row> rows = new ArrayList<>();

    PopularityBuilderTest(SparkSession spark) {
        this.spark = spark;
    }

    private PopularityBuilderTest add(String tenant, String surface, String day, String item, long exposures,
                                      long clicks, long conversions) {
        rows.add(RowFactory.create(tenant, surface, Date.valueOf(day), item, exposures, clicks, conversions, 0.0));
        return this;
    }

    private Map<TenantSurface, List<ItemCount>> build(PopularityWeights weights, int maxItems) {
        Dataset<Row> aggregates = spark.createDataFrame(rows, DailyAggregates.SCHEMA);
        return PopularityBuilder.collect(PopularityBuilder.topItems(aggregates, weights, maxItems));
    }

    private static List<String> render(List<ItemCount> items) {
        return items.stream().map(i -> i.itemId() + "=" + i.count()).toList();
    }

    @Test
    void sortsByCountDescendingThenItemIdAscending() {
        add("t", "s", "2026-01-01", "b", 2, 0, 0).add("t", "s", "2026-01-01", "a", 2, 0, 0)
                .add("t", "s", "2026-01-01", "c", 5, 0, 0).add("t", "s", "2026-01-01", "d", 1, 0, 0);
        assertEquals(List.of("c=5", "a=2", "b=2", "d=1"), render(build(EXPOSURES_ONLY, 10).get(new TenantSurface("t", "s"))));
    }

    @Test
    void tiesAreBrokenByUtf8ByteOrder() {
        // UTF-16 order puts U+FF21 (fullwidth A) after U+1F600 (emoji); UTF-8 byte order puts it before.
        add("t", "s", "2026-01-01", "\uD83D\uDE00", 1, 0, 0).add("t", "s", "2026-01-01", "\uFF21", 1, 0, 0)
                .add("t", "s", "2026-01-01", "Z", 1, 0, 0).add("t", "s", "2026-01-01", "a", 1, 0, 0);
        assertEquals(List.of("Z=1", "a=1", "\uFF21=1", "\uD83D\uDE00=1"),
                render(build(EXPOSURES_ONLY, 10).get(new TenantSurface("t", "s"))));
    }

    @Test
    void keepsTheTopNPerPairIndependently() {
        for (int i = 0; i < 5; i++) {
            add("t1", "s", "2026-01-01", "i" + i, 10 - i, 0, 0);
            add("t2", "s", "2026-01-01", "j" + i, i + 1, 0, 0);
        }
        Map<TenantSurface, List<ItemCount>> top = build(EXPOSURES_ONLY, 2);
        assertEquals(List.of("i0=10", "i1=9"), render(top.get(new TenantSurface("t1", "s"))));
        assertEquals(List.of("j4=5", "j3=4"), render(top.get(new TenantSurface("t2", "s"))));
    }

    @Test
    void sumsDailyPartialsOverTheWindow() {
        add("t", "s", "2026-01-01", "a", 2, 0, 0).add("t", "s", "2026-01-02", "a", 3, 0, 0)
                .add("t", "s", "2026-01-02", "b", 4, 0, 0);
        assertEquals(List.of("a=5", "b=4"), render(build(EXPOSURES_ONLY, 10).get(new TenantSurface("t", "s"))));
    }

    @Test
    void weightsCountClicksAndConversionsAndDropZeroCounts() {
        add("t", "s", "2026-01-01", "a", 10, 0, 0).add("t", "s", "2026-01-01", "b", 1, 2, 1)
                .add("t", "s", "2026-01-01", "c", 0, 0, 0);
        assertEquals(List.of("b=15", "a=10"),
                render(build(new PopularityWeights(1, 2, 10), 10).get(new TenantSurface("t", "s"))));
        assertEquals(List.of("b=2"), render(build(new PopularityWeights(0, 1, 0), 10).get(new TenantSurface("t", "s"))));
    }
}
