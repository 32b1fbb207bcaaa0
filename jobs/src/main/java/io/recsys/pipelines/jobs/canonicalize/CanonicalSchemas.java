package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.common.events.EventType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Schemas of the canonical store (contract section 2), partition columns included. */
public final class CanonicalSchemas {
    private static final StructType COMMON = new StructType()
            .add("tenant", DataTypes.StringType, false)
            .add("surface", DataTypes.StringType, false)
            .add("dt", DataTypes.DateType, false)
            .add("session_id", DataTypes.StringType)
            .add("item_id", DataTypes.StringType, false)
            .add("user_id", DataTypes.StringType)
            .add("request_id", DataTypes.StringType);

    public static final StructType EXPOSURES = COMMON
            .add("rank", DataTypes.IntegerType)
            .add("ts", DataTypes.TimestampType, false);

    public static final StructType OUTCOMES = COMMON
            .add("event_type", DataTypes.StringType, false)
            .add("value", DataTypes.DoubleType)
            .add("ts", DataTypes.TimestampType, false);

    private CanonicalSchemas() {
    }

    public static StructType of(EventType type) {
        return type == EventType.EXPOSURE ? EXPOSURES : OUTCOMES;
    }
}
