package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.config.PipelineConfig;
import org.apache.hadoop.conf.Configuration;

import java.util.ArrayList;
import java.util.List;

/** The builder of each selected kind. */
public final class KindBuilders {
    private KindBuilders() {
    }

    public static List<KindBuilder> forKinds(List<ArtifactKind> kinds, PipelineConfig config, Configuration hadoopConf) {
        List<KindBuilder> builders = new ArrayList<>();
        // One user count per window for both user-based kinds.
        UserCap userCap = new UserCap(config.limits().maxUsersPerArtifact());
        for (ArtifactKind kind : kinds) {
            builders.add(switch (kind) {
                case POPULARITY -> new PopularityKind();
                case COOC -> new CoocKind();
                case IMPLICIT -> new ImplicitKind(userCap);
                case SESSION_SEQ -> new SessionSeqKind(userCap);
                case CONTENT_SIM -> new ContentSimKind(config, hadoopConf);
            });
        }
        return builders;
    }
}
