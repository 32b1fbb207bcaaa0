package io.recsys.pipelines.jobs.build;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ArtifactPayload;
import io.recsys.pipelines.common.artifact.ContentSimPayload;
import io.recsys.pipelines.common.artifact.CoocPayload;
import io.recsys.pipelines.common.artifact.PopularityPayload;
import io.recsys.pipelines.common.artifact.UserScoresPayload;
import io.recsys.pipelines.common.config.PipelineConfig;
import org.apache.hadoop.conf.Configuration;

import java.util.ArrayList;
import java.util.List;

/** The builder of each selected kind, and the empty payload of a kind for a pair with no rows. */
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

    public static ArtifactPayload empty(ArtifactKind kind) {
        return switch (kind) {
            case POPULARITY -> new PopularityPayload(List.of());
            case COOC -> new CoocPayload(List.of());
            case IMPLICIT, SESSION_SEQ -> new UserScoresPayload(List.of());
            case CONTENT_SIM -> new ContentSimPayload(List.of());
        };
    }
}
