package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.artifact.ArtifactEncoder;
import io.recsys.pipelines.common.artifact.ArtifactHeader;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ArtifactPayload;
import io.recsys.pipelines.common.artifact.ArtifactWindow;
import io.recsys.pipelines.common.artifact.PopularityPayload;
import io.recsys.pipelines.common.config.ConfigLoader;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.config.PipelineConfig.PopularityWeights;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.aggregate.DailyAggregates;
import io.recsys.pipelines.jobs.generate.EventGenerator;
import io.recsys.pipelines.jobs.generate.GeneratorOptions;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.jobs.testing.SharedSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The versions of every exposure-based kind for four pairs of generated traffic, with limits small
 * enough that every cut (top N, minimum support, neighbour cap, anchor cap, session cap, items per
 * user) takes effect. Pinned from the builders as they were before the build stage was reworked to
 * combine partial top-N results: a change in what is built shows here as a changed version.
 */
@ExtendWith(SharedSpark.class)
class BuilderVersionPinTest {
    static final LocalDate DAY = LocalDate.of(2026, 1, 1);
    static final CoocLimits COOC = new CoocLimits(2, 5, 40, 6);
    static final int TOP_ITEMS = 25;
    static final int ITEMS_PER_USER = 3;
    static final PopularityWeights WEIGHTS = new PopularityWeights(1, 0, 0);

    /** kind/tenant/surface -> version, as the builders produced them before the rework. */
    static final Map<String, String> PINNED = Map.ofEntries(
            Map.entry("cooc/acme/home", "115ae29d254050c52be7534e2874409971fc4a1866929c444a3a84f7d58723a0"),
            Map.entry("cooc/acme/pdp", "f6ecc7e46ddb6ae5a1ee0d51a784cb1cc9bf2bedc722e02e46356673940117d6"),
            Map.entry("cooc/demo/home", "f318225b1e71953e5e0ea1f81fd2198b71b5ec9f617f07743b49b263752453f8"),
            Map.entry("cooc/demo/pdp", "1da5394e572de3743ce267113206bf8b4f90c9bcb9eb1fe22d1fbaf1012234ef"),
            Map.entry("implicit/acme/home", "3a9797004c4f9c6e8de1d9a11fa389887e571f54c689d35d14004475acd26b0d"),
            Map.entry("implicit/acme/pdp", "9bcf3849461017c6a48d40d694c2e0962653980a5a0ce224ce8e24ce449fc421"),
            Map.entry("implicit/demo/home", "8435bf144e6bc7fc067838a54fa162d38eeb4a7c049c413f8ee90f4466a507c2"),
            Map.entry("implicit/demo/pdp", "8efd1a74909922064d0b6752a0e689d30fc41cb89922de4cf457d8be46f18556"),
            Map.entry("popularity/acme/home", "bd9bcf8b552b5d0b88a863727af2d4038c12fb76105a1128db6e8c157b51154d"),
            Map.entry("popularity/acme/pdp", "6af6ca76f6f7a53b7d2ffd49cc0c6875d72c627809a06f06e9f189d5b35c92d1"),
            Map.entry("popularity/demo/home", "be856f5d29ea525ff959be9df1a3d30071861c0468a672571c0ea82f392ca26b"),
            Map.entry("popularity/demo/pdp", "673b1521fab25e874ed152f5f64099ae86bd746e0d3aee2db48b8b575ff0b362"),
            Map.entry("session_seq/acme/home", "39ebe9e497dd1ae05165e93868a49c26197d3691e80b775bd6adf13e72f9119c"),
            Map.entry("session_seq/acme/pdp", "986fd6f27e3299439f9e7bfaf93cc9971bfeb281c27def3648b15d360ea373be"),
            Map.entry("session_seq/demo/home", "bbb6e9f4060751dee28e0943c8e543af3b68f09a1b63dff3da0c35f09fe634db"),
            Map.entry("session_seq/demo/pdp", "7342d36511cc497b19bf2af2a4d7281100ed3a4fcad8591d0253a47762d5aba1"));

    @TempDir
    static Path tmp;
    static Dataset<Row> exposures;

    @BeforeAll
    static void generate() throws IOException {
        GeneratorOptions options = new GeneratorOptions(tmp, 20_000, 1, DAY, 2, 2, 300, 400, 7, 0.0);
        EventGenerator.generate(options);
        exposures = Exposures.fromRawLines(Files.readAllLines(EventGenerator.exposuresFile(tmp, DAY)))
                .persist(StorageLevel.MEMORY_ONLY());
    }

    @AfterAll
    static void release() {
        exposures.unpersist();
    }

    static String version(ArtifactKind kind, TenantSurface pair, ArtifactPayload payload) {
        return ArtifactEncoder.version(new Artifact(new ArtifactHeader(kind, pair.tenant(), pair.surface(), null,
                ArtifactWindow.ofDays(DAY, 1)), payload));
    }

    static <P extends ArtifactPayload> void put(Map<String, String> versions, ArtifactKind kind, Map<TenantSurface, P> payloads) {
        payloads.forEach((pair, payload) -> versions.put(kind.id() + "/" + pair, version(kind, pair, payload)));
    }

    @Test
    void everyKindBuildsThePinnedVersionsFromTheDatasetHelpers() {
        Map<String, String> versions = new TreeMap<>();
        Map<TenantSurface, PopularityPayload> popularity = new TreeMap<>();
        PopularityBuilder.collect(PopularityBuilder.topItems(DailyAggregates.compute(exposures, null), WEIGHTS, TOP_ITEMS))
                .forEach((pair, items) -> popularity.put(pair, new PopularityPayload(items)));
        put(versions, ArtifactKind.POPULARITY, popularity);
        put(versions, ArtifactKind.COOC, CoocBuilder.collect(exposures, COOC).payloads());
        put(versions, ArtifactKind.IMPLICIT, ImplicitBuilder.collect(ImplicitBuilder.topN(exposures, ITEMS_PER_USER)));
        put(versions, ArtifactKind.SESSION_SEQ, SessionSeqBuilder.collect(SessionSeqBuilder.topN(exposures, ITEMS_PER_USER)));
        assertEquals(new TreeMap<>(PINNED), versions);
    }

    /**
     * The pipeline's own path: each kind's builder, its stream read pair by pair in lockstep with the
     * others, cooc's anchor order from the daily aggregates. Two configurations, since popularity's
     * top N and cooc's anchor cap are the same key.
     */
    @Test
    void theKindsWalkedPairByPairBuildThePinnedVersions() {
        Dataset<Row> aggregates = DailyAggregates.compute(exposures, null);
        Map<String, String> versions = new TreeMap<>();
        walk(versions, aggregates, List.of(ArtifactKind.POPULARITY), TOP_ITEMS);
        walk(versions, aggregates, List.of(ArtifactKind.COOC, ArtifactKind.IMPLICIT, ArtifactKind.SESSION_SEQ),
                COOC.maxItemsPerArtifact());

        assertEquals(new TreeMap<>(PINNED), versions);
    }

    private static void walk(Map<String, String> versions, Dataset<Row> aggregates, List<ArtifactKind> kinds,
                             int maxItemsPerArtifact) {
        PipelineConfig config = ConfigLoader.load(null, List.of(
                "limits.max_items_per_artifact=" + maxItemsPerArtifact,
                "limits.min_cooc_support=" + COOC.minSupport(),
                "limits.max_neighbors_per_item=" + COOC.maxNeighborsPerItem(),
                "limits.max_items_per_session=" + COOC.maxItemsPerSession(),
                "limits.max_items_per_user=" + ITEMS_PER_USER));
        List<TenantSurface> pairs = List.of(new TenantSurface("acme", "home"), new TenantSurface("acme", "pdp"),
                new TenantSurface("demo", "home"), new TenantSurface("demo", "pdp"));
        WindowBuild build = WindowBuild.start(KindBuilders.forKinds(kinds, config, new Configuration()),
                new WindowInputs(DateWindow.endingOn(DAY, 1), exposures, aggregates, config, pairs));
        for (TenantSurface pair : build.pairs()) {
            for (WindowBuild.KindPayload p : build.next(pair)) {
                versions.put(p.kind().id() + "/" + pair, version(p.kind(), pair, p.payload()));
            }
        }
    }
}
