package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.config.PipelineConfig.PopularityWeights;
import io.recsys.pipelines.jobs.aggregate.DailyAggregates;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.physical.HashPartitioning;
import org.apache.spark.sql.catalyst.plans.physical.Partitioning;
import org.apache.spark.sql.catalyst.plans.physical.SinglePartition$;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.execution.aggregate.BaseAggregateExec;
import org.apache.spark.sql.execution.exchange.ReusedExchangeExec;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static io.recsys.pipelines.jobs.kinds.Exposures.byUser;
import static io.recsys.pipelines.jobs.kinds.Exposures.inSession;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every builder spreads one (tenant, surface) over all tasks: no shuffle of its plan sends a whole
 * pair's rows to one task. A shuffle keyed by (tenant, surface) alone may only carry partial
 * aggregates (at most one row per pair and task, e.g. partial top-N heaps or partial counts), and
 * nothing is gathered into a single partition. Checked on the physical plan, whatever the data.
 */
@ExtendWith(SharedSpark.class)
class BuildPlanShapeTest {
    /**
     * Top-N sizes above spark.sql.optimizer.windowGroupLimitThreshold (1000). Up to it, Spark 3.5+
     * puts a per-task limit (WindowGroupLimit) under a per-pair ranking window, which bounds what
     * the window's shuffle carries; above it, or without that rule, the window ranks a whole pair
     * in one task. The builders must not depend on that rule.
     */
    private static final int TOP = 2000;
    private static final CoocLimits LIMITS = new CoocLimits(1, 2, TOP, 10);
    private static Dataset<Row> exposures;
    private static Dataset<Row> aggregates;

    /**
     * Spread over several partitions of no known layout, as a table of several files reads: over a
     * single input partition Spark plans no shuffle at all, and the plan would show nothing.
     */
    @BeforeAll
    static void spread() {
        exposures = Exposures.dataset(byUser("u1", "A", 0, 1), byUser("u1", "B", 1, 2), inSession("s1", "A"),
                inSession("s1", "C")).repartition(3);
        aggregates = DailyAggregates.compute(exposures, null).repartition(3);
    }

    @Test
    void popularityRanksNoPairInOneTask() {
        
        assertEquals(List.of(), pairWideShuffles(PopularityBuilder.topN(aggregates, new PopularityWeights(1, 0, 0), TOP)));
    }

    @Test
    void coocRanksNoPairInOneTask() {
        assertEquals(List.of(), pairWideShuffles(CoocBuilder.topNeighbors(exposures, CoocBuilder.sessionItemSets(exposures),
                LIMITS)));
        assertEquals(List.of(), pairWideShuffles(CoocBuilder.skippedSessions(CoocBuilder.sessionItemSets(exposures), 10)));
    }

    @Test
    void implicitAndSessionSeqRankPerUser() {
        assertEquals(List.of(), pairWideShuffles(ImplicitBuilder.topN(exposures, TOP)));
        assertEquals(List.of(), pairWideShuffles(SessionSeqBuilder.topN(exposures, TOP)));
    }

    @Test
    void implicitAndSessionSeqReadTheirEventsOnce() {
        assertEquals(1, sourceReads(ImplicitBuilder.topN(exposures, TOP)));
        assertEquals(1, sourceReads(SessionSeqBuilder.topN(exposures, TOP)));
    }

    /** The leaves of the plan that read data (a reused shuffle reads none). */
    static int sourceReads(Dataset<Row> result) {
        return withoutAdaptivePlanning(result, BuildPlanShapeTest::countReads);
    }

    private static int countReads(SparkPlan plan) {
        if (plan instanceof ReusedExchangeExec) {
            return 0;
        }
        int reads = plan.children().isEmpty() ? 1 : 0;
        for (int i = 0; i < plan.children().size(); i++) {
            reads += countReads(plan.children().apply(i));
        }
        return reads;
    }

    /**
     * The shuffles of the plan that give one task a whole pair's rows, or all rows. Planned without
     * adaptive execution, whose plan object shows its shuffles only through members that differ
     * between Spark versions; adaptive execution only coalesces shuffles, skips them or turns them
     * into broadcasts, it never adds a wider one.
     */
    static List<String> pairWideShuffles(Dataset<Row> result) {
        return withoutAdaptivePlanning(result, plan -> {
            List<String> found = new ArrayList<>();
            collect(plan, found);
            return found;
        });
    }

    private static <T> T withoutAdaptivePlanning(Dataset<Row> result, Function<SparkPlan, T> inspect) {
        SparkSession spark = result.sparkSession();
        String adaptive = spark.conf().get("spark.sql.adaptive.enabled");
        spark.conf().set("spark.sql.adaptive.enabled", "false");
        try {
            return inspect.apply(result.queryExecution().executedPlan());
        } finally {
            spark.conf().set("spark.sql.adaptive.enabled", adaptive);
        }
    }

    private static void collect(SparkPlan plan, List<String> found) {
        if (plan instanceof ShuffleExchangeExec exchange) {
            Partitioning partitioning = exchange.outputPartitioning();
            if (partitioning == SinglePartition$.MODULE$) {
                found.add(exchange.simpleString(200));
            } else if (partitioning instanceof HashPartitioning hash && keys(hash).equals(Set.of("tenant", "surface"))
                    && !isPartialAggregate(exchange.child())) {
                found.add(exchange.simpleString(200) + " over " + exchange.child().nodeName());
            }
        }
        for (int i = 0; i < plan.children().size(); i++) {
            collect(plan.children().apply(i), found);
        }
    }

    private static Set<String> keys(HashPartitioning hash) {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < hash.expressions().size(); i++) {
            Expression e = hash.expressions().apply(i);
            names.add(e instanceof NamedExpression named ? named.name() : e.sql());
        }
        return names;
    }

    /** A partial aggregate needs no distribution of its input: it runs before the shuffle, per task. */
    private static boolean isPartialAggregate(SparkPlan plan) {
        if (plan instanceof WholeStageCodegenExec codegen) {
            return isPartialAggregate(codegen.child());
        }
        return plan instanceof BaseAggregateExec aggregate && aggregate.requiredChildDistributionExpressions().isEmpty();
    }
}
