package io.imagegraph.cli;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportReader;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.track.DeploymentOverrides;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "overrides", 
        header = "Print a run's images pinned by digest, with their metadata.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Print what a deployment should run of a build: each pushed image by digest"
                    + " (registry/repository@sha256:…, never a tag), with the environment, ports and labels its graph"
                    + " entry keeps beside it (images.<name>.metadata). YAML by default, for a values file.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph overrides --dir . --report .imagegraph/runs/<run>/build-report.json > images.yaml",
            "  imagegraph overrides --dir . --report build-report.json -o json",
            "",
            "Exit codes: 0 printed; 2 bad input (such as a run that did not push an image)."
        })
final class OverridesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GraphOptions graphOptions;

    @Option(names = "--report", paramLabel = "FILE", required = true, description = "The build-report.json of the run.")
    Path report;

    @Option(names = {"-o", "--format"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml or json. Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() throws BadInputException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!format.equals("yaml") && !format.equals("json")) {
            throw new BadInputException("overrides prints yaml or json, not " + format);
        }
        ImageGraph graph = graphOptions.load(spec.commandLine().getErr()).graph();
        List<DeploymentOverrides.ImageOverride> overrides;
        try {
            BuildReport build = BuildReportReader.read(report);
            overrides = DeploymentOverrides.of(graph, build);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        if (format.equals("json")) {
            DeploymentOverrides.writeJson(overrides, out);
        } else {
            DeploymentOverrides.writeYaml(overrides, out);
        }
        return ExitCodes.OK;
    }
}
