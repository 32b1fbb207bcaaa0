package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactPayload;
import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.artifact.PopularityPayload;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Payloads reach the driver one pair at a time, in pair order, each pair's entries in key order. */
@ExtendWith(SharedSpark.class)
class PairPayloadsTest {
    private static final StructType SCHEMA = new StructType().add("tenant", DataTypes.StringType)
            .add("surface", DataTypes.StringType).add("item_id", DataTypes.StringType).add("count", DataTypes.LongType);
    private static final TenantSurface A_HOME = new TenantSurface("a", "home");
    private static final TenantSurface A_PDP = new TenantSurface("a", "pdp");
    private static final TenantSurface B_HOME = new TenantSurface("b", "home");
    private static final TenantSurface C_HOME = new TenantSurface("c", "home");

    /** Rows of three pairs, shuffled over four partitions; every entry made is recorded. */
    private final List<String> made = new ArrayList<>();

    private PairPayloads<ItemCount, PopularityPayload> stream(Set<TenantSurface> excluded) {
        List<Row> rows = List.of(
                RowFactory.create("b", "home", "y", 1L), RowFactory.create("a", "pdp", "p", 1L),
                RowFactory.create("a", "home", "z", 3L), RowFactory.create("b", "home", "x", 2L),
                RowFactory.create("a", "home", "x", 5L), RowFactory.create("a", "pdp", "q", 4L));
        Dataset<Row> entries = SharedSpark.session().createDataFrame(rows, SCHEMA).repartition(4);
        return new PairPayloads<>(entries, new Column[] {col("item_id")}, row -> {
            made.add(row.getString(0) + "/" + row.getString(1) + ":" + row.getString(2));
            return new ItemCount(row.getString(2), row.getLong(3));
        }, PopularityPayload::new, new PopularityPayload(List.of()), excluded);
    }

    private static String items(Optional<ArtifactPayload> payload) {
        return ((PopularityPayload) payload.orElseThrow()).items().stream().map(i -> i.itemId() + "=" + i.count())
                .toList().toString();
    }

    @Test
    void eachPairIsAssembledWhenAskedForFromItsOwnRowsOnly() {
        PairPayloads<ItemCount, PopularityPayload> stream = stream(Set.of());

        assertEquals("[x=5, z=3]", items(stream.payloadFor(A_HOME)));
        assertEquals(List.of("a/home:x", "a/home:z"), made, "nothing of a later pair is assembled yet");
        // a/pdp is skipped: its rows are read past without being made into entries.
        assertEquals("[x=2, y=1]", items(stream.payloadFor(B_HOME)));
        assertEquals(List.of("a/home:x", "a/home:z", "b/home:x", "b/home:y"), made);
        assertEquals("[]", items(stream.payloadFor(C_HOME)), "a pair without rows gets the empty payload");
    }

    @Test
    void anExcludedPairGetsNoPayloadAtAll() {
        PairPayloads<ItemCount, PopularityPayload> stream = stream(Set.of(A_PDP));

        assertEquals("[x=5, z=3]", items(stream.payloadFor(A_HOME)));
        assertEquals(Optional.empty(), stream.payloadFor(A_PDP));
    }

    @Test
    void pairsMustBeAskedForInOrder() {
        PairPayloads<ItemCount, PopularityPayload> stream = stream(Set.of());
        stream.payloadFor(B_HOME);

        assertThrows(IllegalArgumentException.class, () -> stream.payloadFor(A_HOME));
    }

    @Test
    void drainingGivesEveryPairWithRows() {
        assertEquals(List.of(A_HOME, A_PDP, B_HOME), new ArrayList<>(stream(Set.of()).drain().keySet()));
    }
}
