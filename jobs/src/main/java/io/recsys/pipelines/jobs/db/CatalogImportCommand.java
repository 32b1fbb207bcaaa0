package io.recsys.pipelines.jobs.db;

import io.recsys.pipelines.common.catalog.CatalogReader;
import io.recsys.pipelines.common.catalog.CatalogRow;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.config.HadoopConfs;
import io.recsys.pipelines.common.storage.Identifiers;
import io.recsys.pipelines.registry.cli.ConfigOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Upsert a catalog file (CSV item_id,namespace,tags,price,created_at,... or JSONL; local or s3a://) "
                + "into item_tags: tags normalised as content_sim does, price and created_at when present, in one "
                + "transaction. No Spark."})
public final class CatalogImportCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The catalog file (.csv, .jsonl or .json).")
    String input;

    @Option(names = "--tenant", paramLabel = "T", description = "Tenant (external_id or uuid). Default: the only tenant "
            + "of the database; required when it has several.")
    String tenant;

    @Option(names = "--namespace", paramLabel = "NS", description = "Import into NS the rows whose namespace is empty or NS "
            + "(others are skipped). Default: each row's namespace, 'default' when empty.")
    String namespace;

    @Option(names = "--format", paramLabel = "csv|jsonl", defaultValue = "",
            description = "File format (default: from the file name's extension).")
    String format;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() {
        PipelineConfig config = configOptions.load();
        if (namespace != null && namespace.isBlank()) {
            throw PipelineException.usage("--namespace must not be empty");
        }
        // Tenants and namespaces (= surfaces) follow the identifier rule of the event data, at every entrance.
        Identifiers ids = config.identifiers();
        if (tenant != null) {
            ids.require("--tenant", tenant);
        }
        if (namespace != null) {
            ids.require("--namespace", namespace);
        }
        List<CatalogRow> rows = CatalogReader.read(input, format, HadoopConfs.from(config));
        checkNamespaces(rows, ids);
        DbTarget target = DbTarget.of(config.db());
        try (Connection connection = target.connect()) {
            String name = tenant != null ? tenant : Tenants.onlyTenant(connection).orElseThrow(() -> PipelineException.usage(
                    "--tenant is required: the tenants table of " + target.where() + " does not hold exactly one tenant"));
            ids.require("the database's only tenant", name);
            UUID tenantId = Tenants.resolve(connection, target, List.of(name), config.db().autoCreateTenant()).get(name);
            CatalogImport.Result result = CatalogImport.upsert(connection, tenantId, rows, namespace);
            System.out.printf("catalog %s: %d lines read, %d skipped (other namespaces), %d items upserted into item_tags "
                    + "of tenant '%s' at %s%n", input, result.read(), result.skipped(), result.upserted(), name, target.where());
            return 0;
        } catch (SQLException e) {
            throw DbFailures.of(target, "importing the catalog into item_tags", e);
        }
    }

    /** Namespaces are surfaces: a catalog line with one that breaks the identifier rule stops the import (exit 2). */
    private void checkNamespaces(List<CatalogRow> rows, Identifiers ids) {
        TreeSet<String> bad = new TreeSet<>();
        for (CatalogRow row : rows) {
            if (!row.namespace().isEmpty() && !ids.isValid(row.namespace())) {
                bad.add(row.namespace());
            }
        }
        if (!bad.isEmpty()) {
            String first = bad.first();
            throw PipelineException.usage("catalog " + input + " has " + bad.size() + " namespace(s) that are not valid "
                    + "surface names, e.g. '" + (first.length() > 80 ? first.substring(0, 80) + "..." : first) + "': "
                    + ids.problem(first) + ". Nothing was imported.");
        }
    }
}
