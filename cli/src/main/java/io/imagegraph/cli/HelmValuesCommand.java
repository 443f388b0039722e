package io.imagegraph.cli;

import io.imagegraph.core.helm.HelmImageMap;
import io.imagegraph.core.helm.HelmValues;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.promote.PromotionReportJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "helm-values", 
        header = "Write OpenStack-Helm images: values pinned to promoted digests.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Write the images: section of an OpenStack-Helm values file for a promotion: each chart component"
                    + " (images.tags.<component>) pinned to the digest its graph image was promoted at"
                    + " (registry/namespace/name@sha256:…, never a tag), with pull_policy passed through. The map"
                    + " file says which graph image each component runs.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # keystone-images.yaml:  pullPolicy: IfNotPresent",
            "  #                        components: {keystone_api: keystone, keystone_db_sync: keystone}",
            "  imagegraph helm-values --map keystone-images.yaml \\",
            "      --promotion .imagegraph/runs/<run>/promotion-report.json --out keystone-images.values.yaml",
            "  helm upgrade --install keystone ./keystone -f keystone-images.values.yaml",
            "",
            "Exit codes: 0 written; 2 bad input (such as a component whose image was not promoted)."
        })
final class HelmValuesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--map", paramLabel = "FILE", required = true,
            description = "Which graph image each chart component runs (pullPolicy, components).")
    Path map;

    @Option(names = "--promotion", paramLabel = "FILE", required = true,
            description = "The promotion-report.json imagegraph promote wrote.")
    Path promotion;

    @Option(names = "--out", paramLabel = "FILE", description = "Where the values go (default: standard output).")
    Path out;

    @Override
    public Integer call() throws BadInputException, IOException {
        Map<String, Object> values;
        try {
            PromotionReport report = PromotionReportJson.read(promotion);
            values = HelmValues.of(HelmImageMap.read(map), report);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            HelmValues.write(values, stdout);
        } else {
            try (Writer file = Files.newBufferedWriter(out)) {
                HelmValues.write(values, file);
            }
        }
        return ExitCodes.OK;
    }
}
