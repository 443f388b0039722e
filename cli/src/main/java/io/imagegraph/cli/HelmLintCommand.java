package io.imagegraph.cli;

import io.imagegraph.core.files.JsonDocuments;
import io.imagegraph.core.helm.HelmValuesLint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "helm-lint", 
        header = "Report unpinned or latest image references in Helm values.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Report every image reference in OpenStack-Helm values files (images.tags.*) that a deployment cannot"
                    + " rely on: not pinned by digest, or :latest (a reference without a tag is latest too), with"
                    + " file, line and key.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph helm-lint keystone/values.yaml glance/values.yaml",
            "  imagegraph helm-lint overrides/*.yaml -o json",
            "",
            "Exit codes: 0 every reference is pinned; 1 some are not (each is printed); 2 bad input."
        })
final class HelmLintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "VALUES", description = "Values files to check.")
    List<Path> files = new ArrayList<>();

    @Mixin
    ReportFormatOption output;

    @Override
    public Integer call() throws BadInputException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean json = output.json("helm-lint");
        List<HelmValuesLint.Finding> findings = new ArrayList<>();
        try {
            for (Path file : files) {
                findings.addAll(HelmValuesLint.lint(file));
            }
        } catch (IOException e) {
            throw new BadInputException(e.getMessage());
        }
        if (json) {
            JsonDocuments.write(out, generator -> {
                generator.writeArrayFieldStart("findings");
                for (HelmValuesLint.Finding finding : findings) {
                    generator.writeStartObject();
                    generator.writeStringField("file", finding.file().toString());
                    generator.writeNumberField("line", finding.line());
                    generator.writeStringField("key", finding.key());
                    generator.writeStringField("reference", finding.reference());
                    generator.writeStringField("problem", finding.problem());
                    generator.writeEndObject();
                }
                generator.writeEndArray();
            });
        } else {
            findings.forEach(out::println);
            out.println(findings.isEmpty() ? "Every image reference is pinned by digest."
                    : findings.size() + " image reference" + (findings.size() == 1 ? " is" : "s are")
                    + " not pinned by digest.");
        }
        out.flush();
        return findings.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
