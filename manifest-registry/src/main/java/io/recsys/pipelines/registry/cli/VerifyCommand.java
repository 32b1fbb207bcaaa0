package io.recsys.pipelines.registry.cli;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.registry.LiveVerifier;
import io.recsys.pipelines.registry.RegistryContext;
import io.recsys.pipelines.common.pair.TenantSurface;
import io.recsys.pipelines.registry.VerifyReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

@Command(name = "verify",
        description = {"Read the live manifest and every blob it names exactly as the service does (contract 8: "
                + "manifest shape, tenant and surface, artifact type, payload types, window times, size at most "
                + "publish.max_artifact_bytes), recompute each version hash and compare it with the version in the "
                + "blob key and in build.version.",
                "Without --tenant/--surface, every (tenant, surface) of the registry is verified. Exit 0 only if all "
                        + "checks hold; otherwise every problem is listed and the exit code is 5."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {ExitCodes.OK, ExitCodes.USAGE, "5:a problem was found (listed)", ExitCodes.STORAGE})
public final class VerifyCommand extends RegistryCommand {
    @ArgGroup(exclusive = false, multiplicity = "0..1")
    PairOptions pair;

    @Override
    public Integer call() {
        RegistryContext context = context();
        List<TenantSurface> pairs = PairOptions.scope(pair, context.registry());
        if (pairs.isEmpty()) {
            throw PipelineException.usage("nothing to verify: no (tenant, surface) under " + context.registry().layout().root()
                    + " (is storage.registry right?)");
        }
        LiveVerifier verifier = context.verifier();
        PrintWriter out = out();
        out.println("pointers checked at " + context.registry().layout().pointerTemplate());
        int failed = 0;
        for (TenantSurface p : pairs) {
            VerifyReport report = verifier.verify(p.tenant(), p.surface());
            if (report.ok()) {
                out.printf("%s: ok, blobs checked: %d%n", p, report.checkedUris().size());
            } else {
                failed++;
                out.printf("%s: problems: %d%n", p, report.problems().size());
                report.problems().forEach(problem -> out.println("  - " + problem));
            }
            report.warnings().forEach(w -> out.println("  warning: " + w));
        }
        if (failed > 0) {
            out.printf("verify failed for %d of %d pairs%n", failed, pairs.size());
            return ExitCode.GATE_REFUSED.code();
        }
        return 0;
    }
}
