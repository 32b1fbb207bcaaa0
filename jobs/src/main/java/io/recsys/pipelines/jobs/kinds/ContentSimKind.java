package io.recsys.pipelines.jobs.kinds;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ContentSimPayload;
import io.recsys.pipelines.common.catalog.CatalogReader;
import io.recsys.pipelines.common.catalog.CatalogRow;
import io.recsys.pipelines.common.config.PipelineConfig;
import org.apache.hadoop.conf.Configuration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * content_sim from the catalog, read once per run (a back-fill builds many days from it). The
 * payload depends only on the surface: built once per surface when a pair first asks for it.
 */
public final class ContentSimKind implements KindBuilder {
    private final PipelineConfig config;
    private final Configuration hadoopConf;
    private List<CatalogRow> catalog;

    public ContentSimKind(PipelineConfig config, Configuration hadoopConf) {
        this.config = config;
        this.hadoopConf = hadoopConf;
    }

    @Override
    public ArtifactKind kind() {
        return ArtifactKind.CONTENT_SIM;
    }

    @Override
    public Built build(WindowInputs in) {
        if (catalog == null) {
            catalog = CatalogReader.read(config.artifacts().catalogPath(), config.artifacts().catalogFormat(), hadoopConf);
        }
        Map<String, ContentSimPayload> bySurface = new HashMap<>();
        List<CatalogRow> rows = catalog;
        PairStream payloads = pair -> Optional.of(bySurface.computeIfAbsent(pair.surface(),
                surface -> ContentSimBuilder.forSurface(rows, surface)));
        return new Built(payloads, Map.of("catalog_rows", catalog.size()));
    }
}
