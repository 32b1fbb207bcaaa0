package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.artifact.ArtifactEncoder;
import io.recsys.pipelines.common.artifact.ArtifactHeader;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ArtifactPayload;
import io.recsys.pipelines.common.artifact.ArtifactWindow;
import io.recsys.pipelines.common.events.CanonicalEvent;
import io.recsys.pipelines.common.events.EventType;
import io.recsys.pipelines.common.events.ParseResult;
import io.recsys.pipelines.common.events.RawEventParser;
import io.recsys.pipelines.jobs.canonicalize.CanonicalSchemas;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Canonical exposure rows for the builder tests, on 2026-01-01, in the schema the canonical store reads. */
final class Exposures {
    static final String TENANT = "demo";
    static final String SURFACE = "home";
    static final LocalDate DAY = LocalDate.of(2026, 1, 1);
    private static final Instant MIDNIGHT = DAY.atStartOfDay(ZoneOffset.UTC).toInstant();

    private Exposures() {
    }

    /** An anonymous exposure in demo/home; the session is all cooc looks at. */
    static Row inSession(String session, String item) {
        return row(TENANT, SURFACE, session, item, null, 0, 0);
    }

    /** A demo/home exposure of a user, {@code second} seconds after midnight, in session "s-" + user. */
    static Row byUser(String user, String item, int second, int rank) {
        return row(TENANT, SURFACE, "s-" + user, item, user, second, rank);
    }

    static Row row(String tenant, String surface, String session, String item, String user, int second, int rank) {
        Instant ts = MIDNIGHT.plusSeconds(second);
        return RowFactory.create(tenant, surface, Date.valueOf(DAY), session, item, user, null, rank, Timestamp.from(ts));
    }

    static Dataset<Row> dataset(Row... rows) {
        return dataset(Arrays.asList(rows));
    }

    static Dataset<Row> dataset(List<Row> rows) {
        return SharedSpark.session().createDataFrame(rows, CanonicalSchemas.EXPOSURES);
    }

    /** The same rows in reverse order and spread over three partitions: a different physical input. */
    static Dataset<Row> shuffled(List<Row> rows) {
        List<Row> reversed = new ArrayList<>(rows);
        java.util.Collections.reverse(reversed);
        return dataset(reversed).repartition(3);
    }

    /** Raw JSONL exposure lines as canonicalize would store them (every line must be valid). */
    static Dataset<Row> fromRawLines(List<String> lines) {
        RawEventParser parser = new RawEventParser();
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            ParseResult result = parser.parse(line, EventType.EXPOSURE);
            if (!result.isAccepted()) {
                throw new IllegalArgumentException(result.rejectReason() + ": " + line);
            }
            CanonicalEvent e = result.event();
            Instant ts = Instant.EPOCH.plus(e.tsMicros(), ChronoUnit.MICROS);
            rows.add(RowFactory.create(e.tenant(), e.surface(), Date.valueOf(LocalDate.ofInstant(ts, ZoneOffset.UTC)),
                    e.sessionId(), e.itemId(), e.userId(), e.requestId(), e.rank(), Timestamp.from(ts)));
        }
        return dataset(rows);
    }

    static Artifact artifact(ArtifactKind kind, ArtifactPayload payload) {
        return new Artifact(new ArtifactHeader(kind, TENANT, SURFACE, null, ArtifactWindow.ofDays(DAY, 1)), payload);
    }

    static String version(ArtifactKind kind, ArtifactPayload payload) {
        return ArtifactEncoder.version(artifact(kind, payload));
    }

    /** The compact JSON the version hashes. */
    static String hashedJson(ArtifactKind kind, ArtifactPayload payload) {
        return new String(ArtifactEncoder.encodeForHash(artifact(kind, payload)), StandardCharsets.UTF_8);
    }
}
