package io.recsys.pipelines.registry;

import java.util.List;

/**
 * What {@code manifest verify} found for one (tenant, surface): {@code problems} are what the
 * service would reject or what no longer matches its version; {@code warnings} do not fail it.
 */
public record VerifyReport(String tenant, String surface, List<String> checkedUris, List<String> problems,
                           List<String> warnings) {

    public boolean ok() {
        return problems.isEmpty();
    }
}
