package io.recsys.pipelines.jobs.build;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.catalog.CatalogReader;
import io.recsys.pipelines.common.catalog.CatalogRow;
import io.recsys.pipelines.common.config.PipelineConfig;
import org.apache.hadoop.conf.Configuration;

import java.util.List;
import java.util.Map;

/** content_sim from the catalog, read once per run (a back-fill builds many days from it). */
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
        return new Built(ContentSimBuilder.build(catalog, in.pairs()), Map.of("catalog_rows", catalog.size()));
    }
}
