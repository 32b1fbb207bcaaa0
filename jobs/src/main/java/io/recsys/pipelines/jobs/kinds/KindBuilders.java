package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.catalog.CatalogReader;
import io.recsys.pipelines.common.catalog.CatalogRow;
import io.recsys.pipelines.common.config.PipelineConfig;
import org.apache.hadoop.conf.Configuration;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one place that says how Spark builds each kind (everything else about a kind is its
 * {@link io.recsys.pipelines.common.artifact.KindSpec}, which has no Spark): the switch is exhaustive,
 * so a new kind does not compile until it has a builder.
 */
public final class KindBuilders {
    private KindBuilders() {
    }

    public static List<KindBuilder> forKinds(List<ArtifactKind> kinds, PipelineConfig config, Configuration hadoopConf) {
        // One user count per window for both user-based kinds.
        UserCap userCap = new UserCap(config.limits().maxUsersPerArtifact());
        // Read once per run, when content_sim first needs it: a back-fill builds many days from it.
        Supplier<List<CatalogRow>> catalog = once(() -> CatalogReader.read(config.artifacts().catalogPath(),
                config.artifacts().catalogFormat(), hadoopConf));
        return kinds.stream().map(kind -> new KindBuilder(kind, work(kind, userCap, catalog))).toList();
    }

    private static Function<WindowInputs, KindBuilder.Built> work(ArtifactKind kind, UserCap userCap,
                                                                  Supplier<List<CatalogRow>> catalog) {
        return switch (kind) {
            case POPULARITY -> PopularityBuilder::forWindow;
            case COOC -> CoocBuilder::forWindow;
            case IMPLICIT -> in -> userCap.build(kind, in, ImplicitBuilder::topN);
            case SESSION_SEQ -> in -> userCap.build(kind, in, SessionSeqBuilder::topN);
            case CONTENT_SIM -> in -> ContentSimBuilder.forWindow(catalog.get());
        };
    }

    private static <T> Supplier<T> once(Supplier<T> read) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = read.get();
                }
                return value;
            }
        };
    }
}
