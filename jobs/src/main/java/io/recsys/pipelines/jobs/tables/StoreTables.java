package io.recsys.pipelines.jobs.tables;

import io.recsys.pipelines.jobs.storage.PartitionedTable;

import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.jobs.aggregate.AggregateStage;
import io.recsys.pipelines.jobs.canonicalize.CanonicalStore;
import io.recsys.pipelines.jobs.canonicalize.CanonicalizedDays;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Delta tables of a configured store, by the names operators use. */
public final class StoreTables {
    public static final String ALL = "all";

    /** One table: its name, location and, for tables that may come from the Parquet-only version, partitions. */
    public record Table(String name, Path root, String parquetPartitions, StructType schema) {
        public boolean convertible() {
            return parquetPartitions != null;
        }
    }

    private StoreTables() {
    }

    public static Map<String, Table> of(SparkSession spark, PipelineConfig config) {
        CanonicalStore canonical = new CanonicalStore(spark, Locations.resolve(config.storage().canonical()));
        AggregateStage aggregates = new AggregateStage(spark, canonical, Locations.resolve(config.storage().aggregates()));
        String partitions = "tenant STRING, surface STRING, dt DATE";
        Map<String, Table> tables = new LinkedHashMap<>();
        for (EventType type : List.of(EventType.EXPOSURE, EventType.OUTCOME)) {
            PartitionedTable t = canonical.table(type);
            tables.put(t.name(), new Table(t.name(), t.root(), partitions, t.schema()));
        }
        tables.put(CanonicalizedDays.NAME, new Table(CanonicalizedDays.NAME, canonical.canonicalizedDays().root(), null, null));
        tables.put(aggregates.table().name(), new Table(aggregates.table().name(), aggregates.table().root(), partitions,
                aggregates.table().schema()));
        return tables;
    }

    /** The tables {@code --table} names: one name, or "all". */
    public static List<Table> select(Map<String, Table> tables, String name) {
        if (name.equals(ALL)) {
            return new ArrayList<>(tables.values());
        }
        Table table = tables.get(name);
        if (table == null) {
            throw PipelineException.usage("--table must be one of " + String.join(", ", tables.keySet()) + " or " + ALL
                    + ", got '" + name + "'");
        }
        return List.of(table);
    }
}
