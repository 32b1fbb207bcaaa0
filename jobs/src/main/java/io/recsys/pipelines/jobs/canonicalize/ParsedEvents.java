package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.common.events.CanonicalEvent;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.events.ParseResult;
import io.recsys.pipelines.common.events.RawEventParser;
import io.recsys.pipelines.common.events.RejectReason;
import io.recsys.pipelines.common.storage.Identifiers;
import io.recsys.pipelines.jobs.lines.RawLines;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Iterator;

/**
 * Raw lines in, one parsed row per line out: the validation rules live in {@link RawEventParser}
 * (common, no Spark), so the job and its tests share one definition, and each line is parsed once.
 */
public final class ParsedEvents {
    public static final String SOURCE_FILE = RawLines.SOURCE_FILE;
    public static final String REJECT_REASON = "reject_reason";
    public static final String RAW = "raw";
    /** Of a line_too_long reject: the line's length in bytes (its raw text is only the start). */
    public static final String LINE_BYTES = "line_bytes";
    public static final String TS_MICROS = "ts_micros";
    /** The two halves of the 128-bit fingerprint of the normalized fields ({@link EventHash}), the dedupe key. */
    public static final String HASH_HI = "hash_hi";
    public static final String HASH_LO = "hash_lo";

    /** Parser output: the normalized fields, or a reject reason with the raw line (and its pair when known). */
    public static final StructType SCHEMA = new StructType()
            .add(SOURCE_FILE, DataTypes.StringType)
            .add(REJECT_REASON, DataTypes.StringType)
            .add(RAW, DataTypes.StringType)
            .add(LINE_BYTES, DataTypes.LongType)
            .add("tenant", DataTypes.StringType)
            .add("surface", DataTypes.StringType)
            .add("session_id", DataTypes.StringType)
            .add("item_id", DataTypes.StringType)
            .add("user_id", DataTypes.StringType)
            .add("request_id", DataTypes.StringType)
            .add("rank", DataTypes.IntegerType)
            .add("event_type", DataTypes.StringType)
            .add("value", DataTypes.DoubleType)
            .add(TS_MICROS, DataTypes.LongType)
            .add(HASH_HI, DataTypes.LongType)
            .add(HASH_LO, DataTypes.LongType);

    private ParsedEvents() {
    }

    /**
     * Input rows are {@link RawLines#SCHEMA}; {@code rules} (serializable) carries the layout's reserved names to
     * the executors. A line the reader marked too long is rejected as it is, never parsed.
     */
    public static MapPartitionsFunction<Row, Row> parser(EventType type, Identifiers rules) {
        return lines -> new Iterator<>() {
            private final RawEventParser parser = new RawEventParser(rules);
            private final EventHash hash = new EventHash();

            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public Row next() {
                Row line = lines.next();
                String text = line.getString(0);
                String file = line.getString(1);
                Long tooLongBytes = line.isNullAt(2) ? null : line.getLong(2);
                ParseResult result = tooLongBytes != null ? ParseResult.rejected(RejectReason.LINE_TOO_LONG)
                        : parser.parse(text, type);
                if (!result.isAccepted()) {
                    // The pair of an attributable reject: its budget and its quarantine.
                    return RowFactory.create(file, result.rejectReason(), text, tooLongBytes, result.tenant(),
                            result.surface(), null, null, null, null, null, null, null, result.tsMicros(), null, null);
                }
                CanonicalEvent e = result.event();
                long[] fingerprint = hash.of(e, type == EventType.EXPOSURE);
                return RowFactory.create(file, null, null, null, e.tenant(), e.surface(), e.sessionId(), e.itemId(),
                        e.userId(), e.requestId(), type == EventType.EXPOSURE ? e.rank() : null, e.eventType(),
                        e.value(), e.tsMicros(), fingerprint[0], fingerprint[1]);
            }
        };
    }
}
