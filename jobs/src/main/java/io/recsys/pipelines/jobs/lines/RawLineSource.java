package io.recsys.pipelines.jobs.lines;

import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.Map;

/**
 * The Spark data source behind {@link RawLines} (named by its class, never registered), on the public
 * DataSource V2 Java interfaces only, which are the same on Spark 3.5, 4.0 and 4.1.
 */
public final class RawLineSource implements TableProvider {
    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return RawLines.SCHEMA;
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new RawLineTable(LineReadOptions.from(new CaseInsensitiveStringMap(properties)));
    }
}
